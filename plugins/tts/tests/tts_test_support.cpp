#include "tts_test_support.hpp"

#include <media_probe.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <iterator>
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

double decoded_total_s(const AudioTrack& track) {
  double total = 0.0;
  for (const AudioClip& clip : track.clips) {
    auto info = testing::probe_media(clip.path);
    EXPECT_TRUE(info) << clip.path;
    if (info) total += info->duration_s;
  }
  return total;
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

SpokenClip espeak_speech(testing::StageHarness& harness, const std::string& narration) {
  const testing::StageRun run = harness.run("tts", "provider: espeak\nalign: none", {{"scenes", scenes_from({narration})}});
  if (!run.status.is_ok()) {
    ADD_FAILURE() << "espeak could not speak: " << run.status.message();
    return {};
  }
  const AudioClip clip = audio_of(run).clips.at(0);
  std::ifstream in(clip.path, std::ios::binary);
  return {std::string(std::istreambuf_iterator<char>(in), {}), clip.words, clip.duration_s};
}

StartErrors start_errors(const std::vector<WordTiming>& aligned, const std::vector<WordTiming>& truth) {
  if (aligned.size() != truth.size() || aligned.empty()) {
    ADD_FAILURE() << aligned.size() << " aligned words for " << truth.size() << " true ones";
    return {1e9, 1e9};
  }
  std::vector<double> errors;
  for (std::size_t i = 0; i < aligned.size(); ++i) {
    EXPECT_EQ(aligned[i].word, truth[i].word);
    errors.push_back(std::abs(aligned[i].start_s - truth[i].start_s));
  }
  std::sort(errors.begin(), errors.end());
  const std::size_t n = errors.size();
  return {n % 2 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2, errors.back()};
}

void expect_complete_timings(const std::vector<WordTiming>& words, double end_s) {
  ASSERT_FALSE(words.empty());
  EXPECT_GE(words.front().start_s, 0.0);
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_LE(words[i].start_s, words[i].end_s) << words[i].word;
    if (i + 1 < words.size()) {
      EXPECT_DOUBLE_EQ(words[i].end_s, words[i + 1].start_s) << words[i].word;
    }
  }
  EXPECT_NEAR(words.back().end_s, end_s, 1e-9);
}

}  // namespace reelflow::tts_test
