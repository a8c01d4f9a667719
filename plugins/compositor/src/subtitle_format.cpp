#include "subtitle_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reelflow::compositor {
namespace {

struct TimedText {
  long long start_ms;
  long long end_ms;
  std::string text;
};

// Whole milliseconds, in order, each cue at least 1 ms long.
std::vector<TimedText> in_milliseconds(const std::vector<SubtitleCue>& cues) {
  std::vector<TimedText> out;
  long long previous_end = 0;
  for (const auto& cue : cues) {
    const long long start = std::max(previous_end, std::llround(std::max(cue.start_s, 0.0) * 1000.0));
    const long long end = std::max(start + 1, std::llround(cue.end_s * 1000.0));
    out.push_back({start, end, cue.text});
    previous_end = end;
  }
  return out;
}

std::string vtt_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string time_of(long long ms, char mark) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld%c%03lld", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60,
                mark, ms % 1000);
  return buf;
}

}  // namespace

std::string subtitle_time(double seconds, char decimal_mark) {
  return time_of(std::llround(std::max(seconds, 0.0) * 1000.0), decimal_mark);
}

std::string to_srt(const std::vector<SubtitleCue>& cues) {
  std::string out;
  int number = 0;
  for (const auto& cue : in_milliseconds(cues))
    out += std::to_string(++number) + "\n" + time_of(cue.start_ms, ',') + " --> " + time_of(cue.end_ms, ',') + "\n" +
           cue.text + "\n\n";
  return out;
}

std::string to_vtt(const std::vector<SubtitleCue>& cues) {
  std::string out = "WEBVTT\n\n";
  for (const auto& cue : in_milliseconds(cues))
    out += time_of(cue.start_ms, '.') + " --> " + time_of(cue.end_ms, '.') + "\n" + vtt_escape(cue.text) + "\n\n";
  return out;
}

}  // namespace reelflow::compositor
