#include "word_interpolation.hpp"

#include <algorithm>

namespace reelflow::tts {

std::vector<WordTiming> interpolate_word_timings(std::vector<PlacedWord> words, double speech_end_s) {
  speech_end_s = std::max(speech_end_s, 0.0);
  double last_s = 0.0;
  for (PlacedWord& w : words) {
    if (!w.start_s) continue;
    last_s = std::clamp(*w.start_s, last_s, speech_end_s);
    w.start_s = last_s;
    if (w.end_s) w.end_s = std::clamp(*w.end_s, last_s, speech_end_s);
  }

  // Each group is a placed word (or the start) and the unplaced words after it.
  std::vector<WordTiming> timings(words.size());
  std::size_t group_begin = 0;
  while (group_begin < words.size()) {
    std::size_t group_end = group_begin + 1;
    while (group_end < words.size() && !words[group_end].start_s) ++group_end;
    const double next_start = group_end < words.size() ? *words[group_end].start_s : speech_end_s;
    const PlacedWord& head = words[group_begin];
    std::size_t first_shared = group_begin;
    double span_start = head.start_s.value_or(0.0);
    if (head.start_s && head.end_s && group_begin + 1 < group_end) {
      first_shared = group_begin + 1;  // the head keeps what it was heard to take
      span_start = std::min(*head.end_s, next_start);
      timings[group_begin] = {head.word, *head.start_s, 0.0};
    }
    const double span_end = std::max(span_start, next_start);
    std::size_t total_weight = 0;
    for (std::size_t w = first_shared; w < group_end; ++w) total_weight += std::max<std::size_t>(1, words[w].weight);
    double at = span_start;
    for (std::size_t w = first_shared; w < group_end; ++w) {
      const double share =
          static_cast<double>(std::max<std::size_t>(1, words[w].weight)) / static_cast<double>(total_weight);
      timings[w] = {words[w].word, at, 0.0};
      at = w + 1 == group_end ? span_end : at + share * (span_end - span_start);
    }
    group_begin = group_end;
  }
  for (std::size_t w = 0; w < timings.size(); ++w)
    timings[w].end_s = w + 1 < timings.size() ? timings[w + 1].start_s : std::max(timings[w].start_s, speech_end_s);
  return timings;
}

}  // namespace reelflow::tts
