#include "character_timings.hpp"

#include "heard_words.hpp"
#include "written_words.hpp"

#include <algorithm>
#include <cstddef>

namespace reelflow::tts {
namespace {

// The provider's words, each spanning its characters' times.
std::vector<HeardWord> provider_words(const CharacterTimings& timings) {
  const std::size_t count =
      std::min({timings.characters.size(), timings.start_s.size(), timings.end_s.size()});
  std::string text;
  std::vector<std::size_t> character_at;  // code point → index into timings.characters
  for (std::size_t c = 0; c < count; ++c) {
    text += timings.characters[c];
    for (std::size_t cp = 0; cp < std::max<std::size_t>(1, code_points(timings.characters[c])); ++cp)
      character_at.push_back(c);
  }
  std::vector<HeardWord> words;
  for (const WrittenWord& written : split_written_words(text)) {
    if (!written.speakable || written.begin >= character_at.size()) continue;
    const std::size_t first = character_at[written.begin];
    const std::size_t last = character_at[std::min(written.end, character_at.size()) - 1];
    words.push_back({written.word, timings.start_s[first], timings.end_s[last]});
  }
  return words;
}

}  // namespace

std::vector<WordTiming> word_timings_from_characters(std::string_view narration, const CharacterTimings& timings,
                                                     double speech_end_s) {
  return word_timings_from_heard_words(narration, provider_words(timings), speech_end_s);
}

}  // namespace reelflow::tts
