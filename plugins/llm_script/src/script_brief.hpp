#pragma once
// What the stage was asked to write, independent of the provider that writes it.
#include <string>

namespace reelflow::llm_script {

// Speaking rate used to turn a target duration into a word budget (a calm
// narration voice; TTS engines land between 2.3 and 2.8 words per second).
inline constexpr double kWordsPerSecond = 2.5;

struct ScriptBrief {
  std::string topic;        // trimmed, single-spaced, never empty
  int scenes = 6;
  double target_duration_s = 45.0;
  std::string language = "en";
  std::string style = "informative";
  std::string notes;        // outline/notes text, empty when none was given

  // Words all scene narrations together should have. The hook is not counted:
  // scene_segmenter does not speak it (it is title/on-screen material).
  int target_words() const { return static_cast<int>(target_duration_s * kWordsPerSecond + 0.5); }
};

}  // namespace reelflow::llm_script
