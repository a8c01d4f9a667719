#pragma once
// Turns partly placed words into complete, monotonic WordTimings. Whatever timed
// the speech (espeak's events, forced alignment, a provider) may miss words; they
// share the time between their placed neighbours in proportion to their length.
#include <reelflow/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::tts {

struct PlacedWord {
  std::string word;
  std::size_t weight = 1;         // share of untimed speech (its characters)
  std::optional<double> start_s;  // where it was heard to start, if anywhere
  std::optional<double> end_s;    // where it was heard to end, if known (only with start_s)
};

// Unplaced words share the span from the previous placed word's end (or, when its
// end is unknown, its start, sharing with it; or 0) to the next placed word's
// start (or speech_end_s). Starts are clamped to [0, speech_end_s] and never go
// backwards; every word ends where the next begins, the last at speech_end_s.
std::vector<WordTiming> interpolate_word_timings(std::vector<PlacedWord> words, double speech_end_s);

}  // namespace reelflow::tts
