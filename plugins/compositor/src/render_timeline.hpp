#pragma once
// What a render put where, as a value (`timeline`, JSON): each scene's place on the
// video's clock and its text, and the narration as subtitle cues (phrases with start
// and end, timed by the TTS's word timings when it gave them). `compose` and
// `compositor` output it from the same timeline they render, so the subtitle files
// and the sidecar agree with the picture and the speech.
#include "scene_timeline.hpp"

#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::compositor {

inline constexpr const char* kTimelineType = "timeline";
inline constexpr const char* kTimelineDoc =
    "a render's timeline: duration_s, scenes (index, start_s, duration_s, narration, visual) and subtitles "
    "(start_s, end_s, text) on the video's clock";
inline constexpr const char* kTimelineSchema = R"({"type":"object","required":["duration_s","scenes","subtitles"],
 "properties":{"duration_s":{"type":"number"},
  "scenes":{"type":"array","items":{"type":"object","required":["index","start_s","duration_s"]}},
  "subtitles":{"type":"array","items":{"type":"object","required":["start_s","end_s","text"]}}}})";

// Subtitle lines are kept to this many characters (the usual limit for readable subtitles).
inline constexpr std::size_t kSubtitleLineChars = 42;

struct TimelineScene {
  int index = 0;
  double start_s = 0.0;
  double duration_s = 0.0;
  std::string narration;
  std::string visual;  // what the picture shows (the search query or prompt it came from)
};

struct SubtitleCue {
  double start_s = 0.0;
  double end_s = 0.0;
  std::string text;  // plain text, lines split by '\n'
};

struct RenderTimeline {
  double duration_s = 0.0;
  std::vector<TimelineScene> scenes;
  std::vector<SubtitleCue> subtitles;
};

// The timeline of a render of `scenes` (with their narration clips) lasting duration_s.
RenderTimeline describe_render(const SceneTimeline& timeline, const std::vector<Scene>& scenes,
                               const std::vector<AudioClip>& clips, double duration_s);

Record to_record(const RenderTimeline& timeline);
// Throws std::invalid_argument naming what is wrong.
RenderTimeline timeline_from(const Value* value);

}  // namespace reelflow::compositor
