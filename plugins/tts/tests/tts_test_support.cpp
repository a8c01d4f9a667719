#include "tts_test_support.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <sstream>

namespace reelflow::tts_test {

SceneList scenes_from(const std::vector<std::string>& narrations, int first_index) {
  SceneList list;
  list.title = "tts test";
  for (const auto& narration : narrations) {
    Scene scene;
    scene.index = first_index++;
    scene.narration = narration;
    scene.caption = narration.substr(0, 20);
    scene.target_duration_s = 5.0;
    list.scenes.push_back(scene);
  }
  return list;
}

AudioTrack audio_of(const testing::StageRun& run) {
  auto it = run.outputs.find("audio");
  if (it == run.outputs.end()) {
    ADD_FAILURE() << "the stage set no 'audio' output";
    return {};
  }
  if (const auto* track = std::get_if<AudioTrack>(&it->second)) return *track;
  ADD_FAILURE() << "the 'audio' output is not an AudioTrack";
  return {};
}

std::string lower_letters(const std::string& word) {
  std::string out;
  for (unsigned char c : word)
    if (std::isalnum(c) || c >= 0x80) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

std::vector<std::string> written_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string token; in >> token;)
    if (auto word = lower_letters(token); !word.empty()) words.push_back(word);
  return words;
}

}  // namespace reelflow::tts_test
