#pragma once
// Shared by the tts tests: building scene lists and reading the stage's audio output.
#include <stage_harness.hpp>

#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::tts_test {

// One scene per narration, with indexes first_index, first_index + 1, ...
SceneList scenes_from(const std::vector<std::string>& narrations, int first_index = 1);

// The AudioTrack on the run's "audio" output (a test failure if there is none).
AudioTrack audio_of(const testing::StageRun& run);

// The narration's words, without punctuation and in lower case ("Hello, world!" → hello world).
std::vector<std::string> written_words(const std::string& text);
std::string lower_letters(const std::string& word);

}  // namespace reelflow::tts_test
