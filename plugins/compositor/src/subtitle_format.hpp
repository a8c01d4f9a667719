#pragma once
// SubRip (.srt) and WebVTT (.vtt) text from subtitle cues. Times are rounded to the
// millisecond and kept in order: a cue never starts before the previous one ended.
#include "render_timeline.hpp"

#include <string>
#include <vector>

namespace reelflow::compositor {

// "00:01:02,345" (SubRip) or "00:01:02.345" (WebVTT).
std::string subtitle_time(double seconds, char decimal_mark);

std::string to_srt(const std::vector<SubtitleCue>& cues);
// The text is escaped (&, <, >) as WebVTT requires.
std::string to_vtt(const std::vector<SubtitleCue>& cues);

}  // namespace reelflow::compositor
