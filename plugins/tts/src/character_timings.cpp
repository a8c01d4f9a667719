#include "character_timings.hpp"

#include "word_interpolation.hpp"
#include "written_words.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>

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

struct TimedWord {
  std::string word;
  double start_s = 0.0;
  double end_s = 0.0;
};

// The provider's words, each spanning its characters' times.
std::vector<TimedWord> provider_words(const CharacterTimings& timings) {
  const std::size_t count =
      std::min({timings.characters.size(), timings.start_s.size(), timings.end_s.size()});
  std::string text;
  std::vector<std::size_t> character_at;  // code point → index into timings.characters
  for (std::size_t c = 0; c < count; ++c) {
    text += timings.characters[c];
    for (std::size_t cp = 0; cp < std::max<std::size_t>(1, code_points(timings.characters[c])); ++cp)
      character_at.push_back(c);
  }
  std::vector<TimedWord> words;
  for (const WrittenWord& written : split_written_words(text)) {
    if (!written.speakable || written.begin >= character_at.size()) continue;
    const std::size_t first = character_at[written.begin];
    const std::size_t last = character_at[std::min(written.end, character_at.size()) - 1];
    words.push_back({comparable(written.word), timings.start_s[first], timings.end_s[last]});
  }
  return words;
}

}  // namespace

std::vector<WordTiming> word_timings_from_characters(std::string_view narration, const CharacterTimings& timings,
                                                     double speech_end_s) {
  const std::vector<TimedWord> heard = provider_words(timings);
  std::vector<PlacedWord> placed;
  std::size_t next = 0;  // the first provider word not used yet
  for (const WrittenWord& written : split_written_words(narration)) {
    if (!written.speakable) continue;
    PlacedWord word{written.word, written.weight, {}, {}};
    const std::string key = comparable(written.word);
    for (std::size_t h = next; h < heard.size() && h < next + kLookahead; ++h) {
      if (heard[h].word != key) continue;
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
