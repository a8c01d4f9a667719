#include "heard_words.hpp"

#include "word_interpolation.hpp"
#include "written_words.hpp"

#include <cctype>
#include <cstddef>

namespace reelflow::tts {
namespace {

// How far ahead a narration word is looked for among the provider's words.
constexpr std::size_t kLookahead = 4;

std::string comparable(const std::string& word) {
  std::string out;
  for (unsigned char c : word)
    if (std::isalnum(c) || c >= 0x80) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

}  // namespace

std::vector<WordTiming> word_timings_from_heard_words(std::string_view narration, const std::vector<HeardWord>& heard,
                                                      double speech_end_s) {
  std::vector<std::string> keys;
  keys.reserve(heard.size());
  for (const HeardWord& h : heard) keys.push_back(comparable(h.word));
  std::vector<PlacedWord> placed;
  std::size_t next = 0;  // the first provider word not used yet
  for (const WrittenWord& written : split_written_words(narration)) {
    if (!written.speakable) continue;
    PlacedWord word{written.word, written.weight, {}, {}};
    const std::string key = comparable(written.word);
    for (std::size_t h = next; h < heard.size() && h < next + kLookahead; ++h) {
      if (keys[h] != key) continue;
      word.start_s = heard[h].start_s;
      word.end_s = heard[h].end_s;
      next = h + 1;
      break;
    }
    placed.push_back(std::move(word));
  }
  return interpolate_word_timings(std::move(placed), speech_end_s);
}

}  // namespace reelflow::tts
