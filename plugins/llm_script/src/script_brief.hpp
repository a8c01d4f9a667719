#pragma once
// What the stage was asked to write, independent of the provider that writes it.
#include <string>

namespace reelflow::llm_script {

// Speaking rate used to turn a target duration into a word budget when no measured
// rate is given (a calm narrator; espeak-ng at 165 words/min speaks about 3, which
// the tts plugin's voice_rate stage measures and passes in).
inline constexpr double kDefaultWordsPerSecond = 2.5;

struct ScriptBrief {
  std::string topic;        // trimmed, single-spaced, never empty
  int scenes = 6;
  double target_duration_s = 45.0;
  double words_per_second = kDefaultWordsPerSecond;  // of the voice that will speak the script
  std::string language = "en";
  std::string style = "informative";
  std::string notes;        // outline/notes text, empty when none was given

  // Words all scene narrations together should have. The hook is not counted:
  // scene_segmenter does not speak it (it is title/on-screen material).
  int target_words() const { return static_cast<int>(target_duration_s * words_per_second + 0.5); }
};

}  // namespace reelflow::llm_script
