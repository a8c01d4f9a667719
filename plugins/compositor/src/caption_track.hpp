#pragma once
// The captions over time: a list of cues, each Pango markup shown from its start
// until the next cue. Built from each scene's text and, when the TTS gave them,
// its word timings: "sentence" shows a phrase while it is spoken, "word" shows a
// few words with the one being spoken highlighted.
#include "render_settings.hpp"
#include "scene_timeline.hpp"

#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::compositor {

struct CaptionCue {
  double start_s = 0.0;
  std::string markup;  // empty: no caption
  // The same words as plain text (lines split by '\n'), for subtitle files.
  std::string text;
  // When its words have been spoken (their last word's end, else the next cue's start),
  // never after the next cue starts; 0: until the next cue.
  double end_s = 0.0;
};

// What one scene contributes: its text and word timings relative to its narration.
struct SceneCaptionText {
  std::string text;
  std::vector<WordTiming> words;
};

class CaptionTrack {
 public:
  // Phrases never run longer than this many words (so they fit in two or three lines).
  static constexpr std::size_t kMaxPhraseWords = 8;
  // Word mode shows this many words at a time.
  static constexpr std::size_t kMaxWordGroup = 4;

  CaptionTrack() = default;
  explicit CaptionTrack(std::vector<CaptionCue> cues);

  // Lines are broken at word boundaries to at most max_line_chars characters (textoverlay
  // itself would only wrap at the frame's edge).
  static CaptionTrack build(const SceneTimeline& timeline, const std::vector<SceneCaptionText>& scenes,
                            CaptionMode mode, std::size_t max_line_chars);

  // The markup at time t ("" before the first cue).
  const std::string& markup_at(double t) const;
  const std::vector<CaptionCue>& cues() const { return cues_; }

 private:
  std::vector<CaptionCue> cues_;
};

// Splits text into phrases: at sentence ends, and long sentences into balanced parts
// of at most `max_words` words.
std::vector<std::string> split_phrases(const std::string& text, std::size_t max_words);

// Indices of the words that start a new line when `words` are set in lines of at most
// max_chars characters, balanced so the lines have similar lengths.
std::vector<std::size_t> line_starts(const std::vector<std::string>& words, std::size_t max_chars);

}  // namespace reelflow::compositor
