// The shot_detect stage on videos made by the test with known cut points.
#include "stage_harness.hpp"
#include "temp_dir.hpp"
#include "test_video.hpp"

#include <reelflow/value.hpp>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

using reelflow::FileRef;
using reelflow::SceneList;
using reelflow::VideoFile;
using reelflow::testing::StageHarness;
using reelflow::testing::StageRun;
using reelflow::testing::TempDir;
using reelflow::testing::VideoSegment;

namespace {

constexpr int kFps = 25;
// Black, red, white, blue backgrounds: the cuts score 170, 85 and 125 (of 255).
const std::vector<VideoSegment> kSegments = {
    {30, cv::Scalar(0, 0, 0), cv::Scalar(255, 255, 255)},
    {40, cv::Scalar(0, 0, 255), cv::Scalar(0, 255, 255)},
    {35, cv::Scalar(255, 255, 255), cv::Scalar(0, 0, 0)},
    {45, cv::Scalar(255, 0, 0), cv::Scalar(255, 255, 255)},
};
const std::vector<double> kCutTimes = {1.2, 2.8, 4.2};  // 30, 70 and 105 frames at 25 fps
constexpr double kVideoSeconds = 6.0;                  // 150 frames

class ShotDetect : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("shot-detect");
    std::vector<cv::Mat> frames = reelflow::testing::render_segments(kSegments, cv::Size(160, 120));
    avi_ = (*dir_ / "cuts.avi");
    mp4_ = (*dir_ / "cuts.mp4");
    avi_error_ = reelflow::testing::write_mjpeg_avi(avi_, frames, kFps);
    mp4_error_ = reelflow::testing::write_h264_mp4(mp4_, frames, kFps);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static TempDir* dir_;
  static std::filesystem::path avi_;
  static std::filesystem::path mp4_;
  static std::string avi_error_;
  static std::string mp4_error_;
  StageHarness harness_;
};

TempDir* ShotDetect::dir_ = nullptr;
std::filesystem::path ShotDetect::avi_;
std::filesystem::path ShotDetect::mp4_;
std::string ShotDetect::avi_error_;
std::string ShotDetect::mp4_error_;

std::vector<double> cut_times(const SceneList& scenes) {
  std::vector<double> cuts;
  for (std::size_t i = 1; i < scenes.scenes.size(); ++i) cuts.push_back(scenes.scenes[i].start_s);
  return cuts;
}

void expect_cuts_near(const std::vector<double>& actual, const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size()) << "cuts found: " << ::testing::PrintToString(actual);
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_LE(std::abs(actual[i] - expected[i]), 1.0 / kFps + 1e-9) << "cut " << i << " at " << actual[i];
}

// Mean BGR of a thumbnail, to check it shows its own shot's background.
cv::Scalar mean_colour(const std::filesystem::path& file) {
  cv::Mat image = cv::imread(file.string());
  EXPECT_FALSE(image.empty()) << file;
  return image.empty() ? cv::Scalar() : cv::mean(image);
}

// Checks everything a full run produces: scenes, thumbnails and the JSON list.
void expect_full_shot_list(const StageRun& run, const std::filesystem::path& out_dir) {
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const auto& scenes = std::get<SceneList>(run.outputs.at("scenes"));
  expect_cuts_near(cut_times(scenes), kCutTimes);
  ASSERT_EQ(scenes.scenes.size(), kSegments.size());
  EXPECT_DOUBLE_EQ(scenes.scenes.front().start_s, 0.0);
  EXPECT_NEAR(scenes.scenes.back().end_s, kVideoSeconds, 1.0 / kFps);
  for (std::size_t i = 0; i < scenes.scenes.size(); ++i) {
    const auto& scene = scenes.scenes[i];
    EXPECT_EQ(scene.index, static_cast<int>(i));
    EXPECT_NEAR(scene.target_duration_s, scene.end_s - scene.start_s, 1e-9);
    if (i > 0) {
      EXPECT_DOUBLE_EQ(scene.start_s, scenes.scenes[i - 1].end_s);
    }
    ASSERT_TRUE(std::filesystem::exists(scene.thumbnail)) << scene.thumbnail;
    cv::Scalar thumb = mean_colour(scene.thumbnail);
    const cv::Scalar& background = kSegments[i].background;
    for (int c = 0; c < 3; ++c)
      EXPECT_NEAR(thumb[c], background[c], 60.0) << "thumbnail " << i << " channel " << c << " shows another shot";
  }

  const auto& list = std::get<FileRef>(run.outputs.at("scene_list"));
  EXPECT_EQ(list.path, out_dir / "scenes.json");
  EXPECT_EQ(list.mime_type, "application/json");
  std::ifstream in(list.path);
  nlohmann::json json = nlohmann::json::parse(in);
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), kSegments.size());
  const std::vector<int> starts = {0, 30, 70, 105};
  for (std::size_t i = 0; i < json.size(); ++i) {
    const auto& entry = json[i];
    EXPECT_EQ(entry.at("index").get<int>(), static_cast<int>(i));
    EXPECT_NEAR(entry.at("start_frame").get<int>(), starts[i], 1);
    EXPECT_EQ(entry.at("end_frame").get<int>(), i + 1 < json.size() ? json[i + 1].at("start_frame").get<int>() : 150);
    EXPECT_NEAR(entry.at("start_s").get<double>(), scenes.scenes[i].start_s, 1e-9);
    EXPECT_NEAR(entry.at("end_s").get<double>(), scenes.scenes[i].end_s, 1e-9);
    std::filesystem::path thumbnail = list.path.parent_path() / entry.at("thumbnail").get<std::string>();
    EXPECT_EQ(std::filesystem::canonical(thumbnail), std::filesystem::canonical(scenes.scenes[i].thumbnail));
    EXPECT_FALSE(cv::imread(thumbnail.string()).empty()) << thumbnail;
  }
  for (const std::string& line : run.log_lines) EXPECT_NE(line.rfind("warning", 0), 0u) << line;
  // No temp files left next to the results.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out_dir))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
}

void expect_progress_to_completion(const StageRun& run) {
  ASSERT_GE(run.progress.size(), 3u);
  EXPECT_TRUE(std::is_sorted(run.progress.begin(), run.progress.end()));
  EXPECT_DOUBLE_EQ(run.progress.back(), 1.0);
}

}  // namespace

TEST_F(ShotDetect, FindsTheCutsOfAnMjpegAvi) {
  ASSERT_EQ(avi_error_, "");
  TempDir out("shot-detect-out");
  StageRun run = harness_.run("shot_detect", "", {{"video", FileRef{avi_, "video/x-msvideo"}}}, out.path());
  expect_full_shot_list(run, out.path());
  expect_progress_to_completion(run);
  EXPECT_TRUE(std::filesystem::is_directory(out / "scenes_thumbs"));
}

TEST_F(ShotDetect, FindsTheCutsOfAnH264Mp4FromAVideoOutput) {
  ASSERT_EQ(mp4_error_, "");
  TempDir out("shot-detect-out");
  StageRun run = harness_.run("shot_detect", "", {{"video", VideoFile{mp4_, 6.0, 160, 120, 25.0}}}, out.path());
  expect_full_shot_list(run, out.path());
  expect_progress_to_completion(run);
}

TEST_F(ShotDetect, GStreamerDecoderFindsTheSameCuts) {
  ASSERT_EQ(mp4_error_, "");
  TempDir out("shot-detect-out");
  StageRun run = harness_.run("shot_detect", "decoder: gstreamer", {{"video", FileRef{mp4_, ""}}}, out.path());
  expect_full_shot_list(run, out.path());
  EXPECT_TRUE(std::any_of(run.log_lines.begin(), run.log_lines.end(),
                          [](const std::string& l) { return l.find("with GStreamer") != std::string::npos; }));
}

TEST_F(ShotDetect, MinSceneLenSuppressesCutsTooCloseToTheLastOne) {
  ASSERT_EQ(avi_error_, "");
  // 50 frames: the cut at 30 is too close to the start, 105 too close to 70.
  StageRun run = harness_.run("shot_detect", "min_scene_len: 50\nthumbnails: false", {{"video", FileRef{avi_, ""}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  expect_cuts_near(cut_times(std::get<SceneList>(run.outputs.at("scenes"))), {2.8});
}

TEST_F(ShotDetect, ThresholdAboveEveryChangeGivesOneShotAndNoThumbnailsWhenOff) {
  ASSERT_EQ(avi_error_, "");
  TempDir out("shot-detect-out");
  StageRun run = harness_.run("shot_detect", "threshold: 200\nthumbnails: false\nscene_list_name: shots.json\ndownscale: 2",
                              {{"video", FileRef{avi_, ""}}}, out.path());
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const auto& scenes = std::get<SceneList>(run.outputs.at("scenes"));
  ASSERT_EQ(scenes.scenes.size(), 1u);
  EXPECT_NEAR(scenes.scenes[0].end_s, kVideoSeconds, 1.0 / kFps);
  EXPECT_TRUE(scenes.scenes[0].thumbnail.empty());
  std::ifstream in(out / "shots.json");
  nlohmann::json json = nlohmann::json::parse(in);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_TRUE(json[0].at("thumbnail").is_null());
  EXPECT_EQ(json[0].at("end_frame").get<int>(), 150);
  EXPECT_FALSE(std::filesystem::exists(out / "shots_thumbs"));
}

TEST_F(ShotDetect, ARerunReplacesTheThumbnailsOfTheLastRun) {
  ASSERT_EQ(avi_error_, "");
  TempDir out("shot-detect-out");
  StageRun first = harness_.run("shot_detect", "", {{"video", FileRef{avi_, ""}}}, out.path());
  ASSERT_TRUE(first.status.is_ok()) << first.status.message();
  StageRun second = harness_.run("shot_detect", "min_scene_len: 50", {{"video", FileRef{avi_, ""}}}, out.path());
  ASSERT_TRUE(second.status.is_ok()) << second.status.message();
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(out / "scenes_thumbs"))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"scene_000.jpg", "scene_001.jpg"}));
  std::ifstream in(out / "scenes.json");
  EXPECT_EQ(nlohmann::json::parse(in).size(), 2u);
}

TEST_F(ShotDetect, RejectsCorruptTruncatedAndNonVideoFilesWithoutOutput) {
  ASSERT_EQ(mp4_error_, "");
  TempDir work("shot-detect-bad");
  // Random bytes with a video name.
  std::filesystem::path garbage = work / "garbage.mp4";
  {
    std::ofstream out(garbage, std::ios::binary);
    for (int i = 0; i < 20000; ++i) out.put(static_cast<char>((i * 7919 + 13) % 251));
  }
  // The first half of a real MP4: mp4mux writes its index at the end, so it is gone.
  std::filesystem::path truncated = work / "truncated.mp4";
  {
    std::ifstream in(mp4_, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream out(truncated, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  std::filesystem::path audio_only = work / "tone.wav";
  ASSERT_EQ(reelflow::testing::write_audio_only_wav(audio_only), "");
  // A still image decodes to a single frame.
  std::filesystem::path photo = work / "photo.jpg";
  ASSERT_TRUE(cv::imwrite(photo.string(), cv::Mat(48, 64, CV_8UC3, cv::Scalar(10, 200, 30))));

  for (const auto& [file, reason] : std::vector<std::pair<std::filesystem::path, std::string>>{
           {garbage, "cannot decode video"},
           {truncated, "cannot decode video"},
           {audio_only, "no video stream"},
           {photo, "is not a video"}}) {
    TempDir out("shot-detect-out");
    StageRun run = harness_.run("shot_detect", "", {{"video", FileRef{file, ""}}}, out.path());
    ASSERT_FALSE(run.status.is_ok()) << file;
    const std::string& message = run.status.message();
    EXPECT_NE(message.find(file.filename().string()), std::string::npos) << message;
    EXPECT_NE(message.find(reason), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
    EXPECT_TRUE(std::filesystem::is_empty(out.path())) << "partial output for " << file;
  }

  StageRun missing = harness_.run("shot_detect", "", {{"video", FileRef{work / "nope.mp4", ""}}});
  ASSERT_FALSE(missing.status.is_ok());
  EXPECT_NE(missing.status.message().find("nope.mp4' does not exist"), std::string::npos) << missing.status.message();

  StageRun bad_name = harness_.run("shot_detect", "scene_list_name: ../up.json", {{"video", FileRef{avi_, ""}}});
  ASSERT_FALSE(bad_name.status.is_ok());
  EXPECT_NE(bad_name.status.message().find("scene_list_name"), std::string::npos);
}
