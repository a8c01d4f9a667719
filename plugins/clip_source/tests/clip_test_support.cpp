#include "clip_test_support.hpp"

#include <reelflow/record.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>

namespace reelflow::clip_source::testing {

SceneList make_scenes(const std::vector<std::string>& visuals) {
  SceneList list;
  list.title = "test video";
  for (std::size_t i = 0; i < visuals.size(); ++i) {
    Scene scene;
    scene.index = static_cast<int>(i);
    scene.visual = visuals[i];
    scene.narration = "Narration number " + std::to_string(i + 1) + ".";
    scene.target_duration_s = 2.0;
    list.scenes.push_back(scene);
  }
  return list;
}

std::vector<OutputClip> clips_of(const reelflow::testing::StageRun& run) {
  EXPECT_TRUE(run.status.is_ok()) << everything_said(run);
  std::vector<OutputClip> clips;
  if (!run.status.is_ok()) return clips;
  const auto& record = run.output_as<Record>("clips");
  EXPECT_EQ(record.type, "clips");
  const auto json = nlohmann::json::parse(record.json);
  for (const auto& clip : json.at("clips"))
    clips.push_back({clip.at("path").get<std::string>(), clip.at("duration_s").get<double>(),
                     clip.at("width").get<int>(), clip.at("height").get<int>()});
  return clips;
}

std::vector<std::string> sources_of(const reelflow::testing::StageRun& run) {
  std::vector<std::string> lines;
  std::istringstream in(run.output_as<Text>("sources").text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string clip_bytes(const std::filesystem::path& dir, const std::string& name, double seconds, int width,
                       int height) {
  const auto file = dir / name;
  reelflow::testing::TestClip clip;
  clip.seconds = seconds;
  clip.width = width;
  clip.height = height;
  clip.with_audio = false;  // a clip's sound is not this stage's business
  reelflow::testing::write_test_clip(file, clip);
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string everything_said(const reelflow::testing::StageRun& run) {
  std::string text = run.status.message() + "\n";
  for (const auto& line : run.log_lines) text += line + "\n";
  return text;
}

}  // namespace reelflow::clip_source::testing
