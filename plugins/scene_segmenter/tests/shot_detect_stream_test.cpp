// shot_detect_stream in a real segment: videos made here with known cuts,
// crossfades, fades, a pan and a variable frame rate, decoded by the test-only
// file source stage (test_file_stream_source.cpp) and run as YAML graphs.
#include "graph_run.hpp"
#include "stage_harness.hpp"
#include "temp_dir.hpp"
#include "test_frames.hpp"
#include "test_video.hpp"

#include <reelflow/value.hpp>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>

namespace reelflow::testing {
namespace {

struct Cut {
  double time_s = 0.0;
  std::string kind;
};

std::vector<Cut> cuts_of(const nlohmann::json& list) {
  std::vector<Cut> cuts;
  for (const auto& c : list) cuts.push_back({c.at("time_s").get<double>(), c.at("kind").get<std::string>()});
  return cuts;
}

// The cuts the stage emitted while it ran, in order.
std::vector<Cut> emitted_cuts(const GraphRun& run) {
  nlohmann::json list = nlohmann::json::array();
  for (const Event& e : run.of_kind(EventKind::StageOutput, "shots"))
    if (e.port == "cuts") list.push_back(nlohmann::json::parse(e.value_json).at("value"));
  return cuts_of(list);
}

// The `cuts` output it set at the end.
std::vector<Cut> final_cuts(const GraphRun& run) {
  auto it = run.result.outputs.find("shots.cuts");
  if (it == run.result.outputs.end()) return {};
  return cuts_of(nlohmann::json::parse(std::get<Record>(it->second).json));
}

const SceneList& scenes_of(const GraphRun& run) { return std::get<SceneList>(run.result.outputs.at("shots.scenes")); }

GraphRun run_stream(const std::filesystem::path& video, const std::filesystem::path& dir,
                    const std::string& params = "{}", bool read_out = false) {
  std::string yaml = "stages:\n"
                     "  - id: src\n"
                     "    type: shot_test_file_source\n"
                     "    params: { path: \"" + video.string() + "\" }\n"
                     "  - id: shots\n"
                     "    type: shot_detect_stream\n"
                     "    inputs: { video: src.out }\n"
                     "    params: " + params + "\n";
  // A sink at the clock's pace makes the 6 s video last 6 s, so when a cut was emitted can be told.
  if (read_out) yaml += "  - id: sink\n    type: test_stream_sink\n    params: { sync: true }\n    inputs: { in: shots.out }\n";
  return run_graph_yaml(yaml, dir);
}

// Each found cut near its expected time, in order, of the expected kind.
std::string describe(const std::vector<Cut>& cuts) {
  std::string text = std::to_string(cuts.size()) + " found:";
  for (const Cut& c : cuts) text += " " + c.kind + "@" + std::to_string(c.time_s);
  return text;
}

void expect_cuts(const std::vector<Cut>& found, const std::vector<double>& times, const std::string& kind,
                 double tolerance_s) {
  ASSERT_EQ(found.size(), times.size()) << describe(found);
  for (std::size_t i = 0; i < times.size(); ++i) {
    EXPECT_NEAR(found[i].time_s, times[i], tolerance_s) << "cut " << i << "; " << describe(found);
    EXPECT_EQ(found[i].kind, kind) << "cut " << i << "; " << describe(found);
  }
}

constexpr int kCutsFps = 25;
const std::vector<VideoSegment> kSegments = {
    {30, cv::Scalar(0, 0, 0), cv::Scalar(255, 255, 255)},
    {40, cv::Scalar(0, 0, 255), cv::Scalar(0, 255, 255)},
    {35, cv::Scalar(255, 255, 255), cv::Scalar(0, 0, 0)},
    {45, cv::Scalar(255, 0, 0), cv::Scalar(255, 255, 255)},
};
const std::vector<double> kCutTimes = {1.2, 2.8, 4.2};

constexpr int kFadeFps = 30;
constexpr int kHold = 40;
constexpr int kBlend = 9;  // 0.3 s at 30 fps
const cv::Size kSize(320, 180);

// Four moving shots joined by 0.3 s crossfades; the frames where each is half-way.
std::vector<cv::Mat> crossfaded_shots(std::vector<int>* middles) {
  const cv::Scalar tints[] = {{40, 90, 200}, {200, 120, 40}, {60, 200, 60}, {200, 60, 180}};
  std::vector<std::vector<cv::Mat>> shots;
  for (int k = 0; k < 4; ++k)
    shots.push_back(panning(texture(cv::Size(900, 300), 10 + k, tints[k]), kSize, kHold + 2 * kBlend, 1));
  std::vector<cv::Mat> out(shots[0].begin(), shots[0].begin() + kHold);
  for (int k = 1; k < 4; ++k) {
    const auto& from = shots[k - 1];
    const int tail = k == 1 ? kHold : kBlend + kHold;
    const int start = static_cast<int>(out.size());
    crossfade(out, {from.begin() + tail, from.begin() + tail + kBlend}, {shots[k].begin(), shots[k].begin() + kBlend});
    middles->push_back(start + kBlend / 2);  // alpha 0.5
    out.insert(out.end(), shots[k].begin() + kBlend, shots[k].begin() + kBlend + kHold);
  }
  return out;
}

// A moving shot fading to black over 12 frames, 25 black ones, a fade up into the next.
std::vector<cv::Mat> fade_through_black(std::vector<double>* middles) {
  const auto a = panning(texture(cv::Size(900, 300), 20, cv::Scalar(30, 60, 220)), kSize, 52, 1);
  const auto b = panning(texture(cv::Size(900, 300), 21, cv::Scalar(220, 200, 30)), kSize, 52, 1);
  const cv::Mat black(kSize, CV_8UC3, cv::Scalar(0, 0, 0));
  std::vector<cv::Mat> blacks;
  hold(blacks, black, 12);
  std::vector<cv::Mat> out(a.begin(), a.begin() + 40);
  crossfade(out, {a.begin() + 40, a.end()}, blacks);  // 40..51
  middles->push_back(45.5 / kCutsFps);
  hold(out, black, 25);                                // 52..76
  crossfade(out, blacks, {b.begin(), b.begin() + 12});  // 77..88
  middles->push_back(82.5 / kCutsFps);
  out.insert(out.end(), b.begin() + 12, b.end());
  return out;
}

// 30 frames at 25 fps, 30 at 10 fps, 30 at 50 fps: cuts at 1.2 s and 4.2 s.
std::vector<std::uint64_t> variable_pts() {
  std::vector<std::uint64_t> pts{0};
  for (int i = 0; i < 90; ++i) pts.push_back(pts.back() + (i < 30 ? 40 : i < 60 ? 100 : 20) * std::uint64_t{1000000});
  return pts;
}

class ShotDetectStream : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("shot-stream");
    auto& v = videos_;
    v.cuts = *dir_ / "cuts.mp4";
    v.errors += write_h264_mp4(v.cuts, render_segments(kSegments, cv::Size(160, 120)), kCutsFps);
    v.crossfades = *dir_ / "crossfades.mp4";
    v.errors += write_h264_mp4(v.crossfades, crossfaded_shots(&v.crossfade_frames), kFadeFps);
    v.fade = *dir_ / "fade.mp4";
    v.errors += write_h264_mp4(v.fade, fade_through_black(&v.fade_times), kCutsFps);
    v.pan = *dir_ / "pan.mp4";
    v.errors += write_h264_mp4(v.pan, pan_and_zoom(texture(cv::Size(900, 400), 30, cv::Scalar(90, 140, 60)), kSize, 150, 2, 0.003),
                               kCutsFps);
    v.vfr = *dir_ / "vfr.mkv";
    std::vector<VideoSegment> vfr_segments = {kSegments[0], kSegments[1], kSegments[3]};
    for (auto& s : vfr_segments) s.frames = 30;
    v.errors += write_mjpeg_mkv(v.vfr, render_segments(vfr_segments, cv::Size(160, 120)), variable_pts());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  struct Videos {
    std::filesystem::path cuts, crossfades, fade, pan, vfr;
    std::vector<int> crossfade_frames;
    std::vector<double> fade_times;
    std::string errors;
  };
  static TempDir* dir_;
  static Videos videos_;
};

TempDir* ShotDetectStream::dir_ = nullptr;
ShotDetectStream::Videos ShotDetectStream::videos_;

cv::Scalar mean_colour(const std::filesystem::path& file) {
  cv::Mat image = cv::imread(file.string());
  EXPECT_FALSE(image.empty()) << file;
  return image.empty() ? cv::Scalar() : cv::mean(image);
}

TEST_F(ShotDetectStream, EmitsEachHardCutAtItsTimestampBeforeItFinishesAndPassesTheVideoOn) {
  ASSERT_EQ(videos_.errors, "");
  TempDir dir("shot-stream-run");
  GraphRun run = run_stream(videos_.cuts, dir.path(), "{}", true);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;

  expect_cuts(emitted_cuts(run), kCutTimes, "cut", 1.0 / kCutsFps + 1e-6);
  // Each cut was an event while the video played, not a value set at its end:
  // the first (at 1.2 s of 6) came seconds before the stage finished.
  const auto outputs = run.of_kind(EventKind::StageOutput, "shots");
  const auto finished = run.of_kind(EventKind::StageFinished, "shots");
  ASSERT_EQ(outputs.size(), kCutTimes.size());
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_LT(outputs.front().elapsed_s, finished.front().elapsed_s - 2.0)
      << "first cut at " << outputs.front().elapsed_s << " s, finished at " << finished.front().elapsed_s << " s";
  expect_cuts(final_cuts(run), kCutTimes, "cut", 1.0 / kCutsFps + 1e-6);

  const SceneList& scenes = scenes_of(run);
  ASSERT_EQ(scenes.scenes.size(), kSegments.size());
  EXPECT_NEAR(scenes.scenes.back().end_s, 6.0, 1e-6);
  for (std::size_t i = 0; i < scenes.scenes.size(); ++i) {
    const cv::Scalar thumb = mean_colour(scenes.scenes[i].thumbnail);
    for (int c = 0; c < 3; ++c)
      EXPECT_NEAR(thumb[c], kSegments[i].background[c], 60.0) << "thumbnail " << i << " shows another shot";
  }
  const auto& list = std::get<FileRef>(run.result.outputs.at("shots.scene_list"));
  std::ifstream in(list.path);
  EXPECT_EQ(nlohmann::json::parse(in).size(), kSegments.size());
  EXPECT_EQ(run.text_output("sink.count"), "150") << "the pass-through output carries every frame";
}

TEST_F(ShotDetectStream, FindsCrossfadesAsDissolvesAtTheirMiddle) {
  ASSERT_EQ(videos_.errors, "");
  TempDir dir("shot-stream-run");
  GraphRun run = run_stream(videos_.crossfades, dir.path());
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error << run.load_errors;
  std::vector<double> middles;
  for (int frame : videos_.crossfade_frames) middles.push_back(static_cast<double>(frame) / kFadeFps);
  expect_cuts(emitted_cuts(run), middles, "dissolve", 1.5 / kFadeFps);
  EXPECT_EQ(scenes_of(run).scenes.size(), 4u);
}

TEST_F(ShotDetectStream, FindsAFadeThroughBlackAsTwoFades) {
  ASSERT_EQ(videos_.errors, "");
  TempDir dir("shot-stream-run");
  GraphRun run = run_stream(videos_.fade, dir.path());
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error << run.load_errors;
  expect_cuts(emitted_cuts(run), videos_.fade_times, "fade", 1.5 / kCutsFps);
}

TEST_F(ShotDetectStream, FindsNoCutInASlowPanAndZoom) {
  ASSERT_EQ(videos_.errors, "");
  TempDir dir("shot-stream-run");
  GraphRun run = run_stream(videos_.pan, dir.path());
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error << run.load_errors;
  expect_cuts(emitted_cuts(run), {}, "", 0.0);
  ASSERT_EQ(scenes_of(run).scenes.size(), 1u);
  EXPECT_NEAR(scenes_of(run).scenes[0].end_s, 6.0, 1e-6);
}

TEST_F(ShotDetectStream, TakesTimesFromTimestampsOnAVariableFrameRate) {
  ASSERT_EQ(videos_.errors, "");
  // The premise: counting frames at the average rate would put the cuts elsewhere.
  const double average_fps = 90 / 4.8;
  ASSERT_GT(std::abs(30 / average_fps - 1.2), 0.3);
  ASSERT_GT(std::abs(60 / average_fps - 4.2), 0.3);
  TempDir dir("shot-stream-run");
  GraphRun run = run_stream(videos_.vfr, dir.path());
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error << run.load_errors;
  expect_cuts(emitted_cuts(run), {1.2, 4.2}, "cut", 0.02);
  const SceneList& scenes = scenes_of(run);
  ASSERT_EQ(scenes.scenes.size(), 3u);
  EXPECT_NEAR(scenes.scenes[1].start_s, 1.2, 0.02);
  EXPECT_NEAR(scenes.scenes[1].end_s, 4.2, 0.02);
  EXPECT_NEAR(scenes.scenes[2].end_s, 4.8, 0.02);
}

TEST_F(ShotDetectStream, TheFileFormFindsTheSameDissolves) {
  ASSERT_EQ(videos_.errors, "");
  TempDir dir("shot-stream-run");
  GraphRun stream = run_stream(videos_.crossfades, dir.path(), "{ thumbnails: false }");
  ASSERT_EQ(stream.result.outcome, RunOutcome::Succeeded) << stream.result.error << stream.load_errors;
  StageHarness harness;
  StageRun file = harness.run("shot_detect", "thumbnails: false", {{"video", FileRef{videos_.crossfades, ""}}});
  ASSERT_TRUE(file.status.is_ok()) << file.status.message();
  const auto file_cuts = cuts_of(nlohmann::json::parse(std::get<Record>(file.outputs.at("cuts")).json));
  const auto stream_cuts = emitted_cuts(stream);
  ASSERT_EQ(file_cuts.size(), 3u) << describe(file_cuts);
  ASSERT_EQ(file_cuts.size(), stream_cuts.size()) << describe(file_cuts) << " / " << describe(stream_cuts);
  for (std::size_t i = 0; i < file_cuts.size(); ++i) {
    EXPECT_EQ(file_cuts[i].kind, stream_cuts[i].kind);
    EXPECT_NEAR(file_cuts[i].time_s, stream_cuts[i].time_s, 1.0 / kFadeFps + 1e-6);
  }
}

TEST_F(ShotDetectStream, RefusesAFolderInTheSceneListNameWhenTheGraphLoads) {
  const std::string errors = graph_errors(R"(stages:
  - id: src
    type: shot_test_file_source
    params: { path: /nowhere.mp4 }
  - id: shots
    type: shot_detect_stream
    inputs: { video: src.out }
    params: { scene_list_name: ../up.json }
)");
  EXPECT_NE(errors.find("scene_list_name '../up.json' must be a file name"), std::string::npos) << errors;
}

// Not a speed limit: prints both forms' frames per second on one 720p file.
TEST_F(ShotDetectStream, ReportsFramesPerSecondOfTheStreamAndTheFileForm) {
  TempDir dir("shot-stream-speed");
  const std::filesystem::path video = dir / "720p.mp4";
  std::vector<VideoSegment> segments;
  for (const auto& s : kSegments) segments.push_back({75, s.background, s.square});
  ASSERT_EQ(write_h264_mp4(video, render_segments(segments, cv::Size(1280, 720)), kCutsFps), "");
  const double frames = 300;

  GraphRun stream = run_stream(video, dir.path(), "{ thumbnails: false }");
  ASSERT_EQ(stream.result.outcome, RunOutcome::Succeeded) << stream.result.error << stream.load_errors;
  const auto finished = stream.of_kind(EventKind::StageFinished, "shots");
  ASSERT_EQ(finished.size(), 1u);
  const double stream_s = finished[0].duration_s;

  StageHarness harness;
  for (const char* decoder : {"opencv", "gstreamer"}) {
    const auto started = std::chrono::steady_clock::now();
    StageRun file = harness.run("shot_detect", std::string("thumbnails: false\ndecoder: ") + decoder,
                                {{"video", FileRef{video, ""}}});
    const double file_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(file.status.is_ok()) << file.status.message();
    const auto file_cuts = cuts_of(nlohmann::json::parse(std::get<Record>(file.outputs.at("cuts")).json));
    EXPECT_EQ(file_cuts.size(), emitted_cuts(stream).size());
    std::printf("shot_detect (file, %s): %.0f frames/s\n", decoder, frames / file_s);
    RecordProperty(std::string("file_fps_") + decoder, std::to_string(frames / file_s));
  }
  std::printf("shot_detect_stream: %.0f frames/s\n", frames / stream_s);
  RecordProperty("stream_fps", std::to_string(frames / stream_s));
}

}  // namespace
}  // namespace reelflow::testing
