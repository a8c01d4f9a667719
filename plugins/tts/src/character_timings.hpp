#pragma once
// Word timings from a provider's per-character times (ElevenLabs' `alignment`:
// characters with start and end seconds). The characters are split into words
// the way the narration is; each word takes its characters' span. The provider's
// words are matched to the narration's written words in order, so a reply whose
// text differs a little (normalised numbers, dropped quotes) still times every
// word it shares; the rest are interpolated.
#include <reelflow/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reelflow::tts {

struct CharacterTimings {
  std::vector<std::string> characters;  // each one character (UTF-8)
  std::vector<double> start_s;
  std::vector<double> end_s;
};

std::vector<WordTiming> word_timings_from_characters(std::string_view narration, const CharacterTimings& timings,
                                                     double speech_end_s);

}  // namespace reelflow::tts
