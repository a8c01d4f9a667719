#pragma once
// Word timings from the words a provider says it spoke, each with its span
// (ElevenLabs' character times grouped into words, Flite's tokens). The
// provider's words are matched to the narration's written words in order, a few
// words ahead at most, so a provider that normalised or dropped some ("forty
// two" for `42`) still times every word it shares; the rest are interpolated.
#include <reelflow/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reelflow::tts {

struct HeardWord {
  std::string word;  // as the provider wrote it; compared without case and punctuation
  double start_s = 0.0;
  double end_s = 0.0;
};

std::vector<WordTiming> word_timings_from_heard_words(std::string_view narration, const std::vector<HeardWord>& heard,
                                                      double speech_end_s);

}  // namespace reelflow::tts
