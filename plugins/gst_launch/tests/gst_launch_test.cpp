// gst_launch: fragments parse (or fail, naming the element) at validation time,
// run between an input file and an output file, and decode back correctly.
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <reelflow/runtime.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

namespace reelflow::testing {
namespace {

class GstLaunchTest : public ::testing::Test {
 protected:
  GstLaunchTest() : runtime(RuntimeOptions{{REELFLOW_BUILD_PLUGIN_DIR, std::filesystem::path(REELFLOW_TEST_PLUGIN_DIR) / "good"}, false}) {}

  RunResult run(const std::string& yaml) {
    auto graph = runtime.load_graph_string(yaml, "g.yaml");
    EXPECT_TRUE(graph.ok()) << graph.error_text();
    RunOptions options;
    options.output_dir = dir.path() / "out";
    options.cache_dir = dir.path() / "cache";
    auto handle = runtime.start(graph, options);
    return handle.wait();
  }

  Runtime runtime;
  TempDir dir;
};

TEST_F(GstLaunchTest, SourceFragmentWritesAPlayableFile) {
  auto result = run(R"(stages:
  - id: src
    type: gst_launch
    params:
      pipeline: "videotestsrc num-buffers=30 ! video/x-raw,width=160,height=120,framerate=15/1 ! x264enc speed-preset=ultrafast"
      output: pattern.mp4
      expected_duration_s: 2
)");
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  const auto& video = std::get<VideoFile>(result.outputs.at("src.video"));
  EXPECT_EQ(video.width, 160);
  EXPECT_DOUBLE_EQ(video.fps, 15.0);
  auto info = probe_media(video.path);
  ASSERT_TRUE(info);
  EXPECT_NEAR(info->duration_s, 2.0, 1.0 / 15);
  EXPECT_EQ(info->video_codec, "video/x-h264");
  // The stage's own account of what it wrote (seen on the muxer's pads) agrees with the decoder.
  EXPECT_EQ(video.height, info->height);
  EXPECT_NEAR(video.duration_s, info->duration_s, 1.0 / 15);
}

// A live source plays in real time: the stage reports progress several times,
// never going down, and the host sees the pipeline's bus messages (the level
// meter's element messages) as plain records.
TEST_F(GstLaunchTest, ProgressNeverGoesDownAndTheHostSeesTheBusMessages) {
  auto graph = runtime.load_graph_string(R"(stages:
  - id: tone
    type: gst_launch
    params:
      pipeline: "audiotestsrc is-live=true num-buffers=12 samplesperbuffer=4410 ! level name=meter interval=100000000 ! wavenc"
      mux: none
      output: tone.wav
      expected_duration_s: 1.2
)", "g.yaml");
  ASSERT_TRUE(graph.ok()) << graph.error_text();
  std::mutex mutex;
  std::vector<double> progress;
  std::vector<BusMessage> messages;
  RunOptions options;
  options.output_dir = dir.path() / "out";
  options.cache_dir = dir.path() / "cache";
  options.use_cache = false;
  options.bus_messages = [&](const BusMessage& m) {
    std::lock_guard lock(mutex);
    messages.push_back(m);
  };
  auto handle = runtime.start(graph, options, [&](const Event& e) {
    std::lock_guard lock(mutex);
    if (e.kind == EventKind::StageProgress && e.stage_id == "tone") progress.push_back(e.progress);
  });
  const RunResult& result = handle.wait();
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;

  ASSERT_GE(progress.size(), 3u);
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
  EXPECT_EQ(progress.back(), 1.0);

  const auto levels = std::count_if(messages.begin(), messages.end(), [](const BusMessage& m) {
    return m.stage_id == "tone" && m.type == "element" && m.source == "meter" && m.structure.rfind("level,", 0) == 0;
  });
  EXPECT_GE(levels, 5) << messages.size() << " messages";
  EXPECT_TRUE(std::any_of(messages.begin(), messages.end(), [](const BusMessage& m) { return m.type == "eos"; }));
}

TEST_F(GstLaunchTest, FragmentBetweenTwoStagesTransformsTheInput) {
  auto result = run(R"(stages:
  - id: src
    type: test_video
    params: { width: 160, height: 120, fps: 10, frames: 20, name: in.mp4 }
  - id: rotate
    type: gst_launch
    inputs: { input: src.video }
    params:
      pipeline: "videoconvert ! videoflip video-direction=90r ! x264enc speed-preset=ultrafast"
      mux: mkv
      output: rotated.mkv
)");
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  const auto& video = std::get<VideoFile>(result.outputs.at("rotate.video"));
  auto info = probe_media(video.path);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->width, 120);  // rotated
  EXPECT_EQ(info->height, 160);
  EXPECT_EQ(info->container, "video/x-matroska");
  EXPECT_EQ(video.width, 120);
  EXPECT_EQ(video.height, 160);
  EXPECT_DOUBLE_EQ(video.fps, 10.0);
  EXPECT_NEAR(video.duration_s, 2.0, 0.11);
}

// Reported at the pipeline param's own line and column, not the stage's (SDK 2 check hook).
TEST_F(GstLaunchTest, UnknownElementIsAValidationErrorNamingIt) {
  auto graph = runtime.load_graph_string(
      "stages:\n  - id: g\n    type: gst_launch\n    params: { pipeline: \"videotestsrc ! nosuchelement ! x264enc\" }\n", "g.yaml");
  ASSERT_FALSE(graph.ok());
  EXPECT_EQ(graph.error_text(), "g.yaml:4:25: error: parameter 'pipeline' of stage 'g' (gst_launch): pipeline fragment: no element "
            "\"nosuchelement\"\n");
}

TEST_F(GstLaunchTest, IncompatibleCapsAreFoundAtValidation) {
  auto graph = runtime.load_graph_string(
      "stages:\n  - id: g\n    type: gst_launch\n    params: { pipeline: \"audiotestsrc ! x264enc\" }\n", "g.yaml");
  ASSERT_FALSE(graph.ok());
  EXPECT_NE(graph.error_text().find("stage 'g' (gst_launch): pipeline fragment: could not link audiotestsrc"), std::string::npos)
      << graph.error_text();
}

// `identity error-after` links at validation and fails only while data flows, so the
// error comes from the running pipeline, from the element the fragment named.
TEST_F(GstLaunchTest, RuntimeErrorNamesTheElementAndLeavesNoFile) {
  auto result = run(R"(stages:
  - id: src
    type: test_video
    params: { frames: 20, name: in.mp4 }
  - id: bad
    type: gst_launch
    inputs: { input: src.video }
    params:
      pipeline: "videoconvert ! identity name=tripwire error-after=5 ! x264enc speed-preset=ultrafast"
      output: never.mp4
)");
  ASSERT_EQ(result.outcome, RunOutcome::Failed);
  EXPECT_NE(result.error.find("stage 'bad' (gst_launch): "), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("GStreamer error from element 'tripwire'"), std::string::npos) << result.error;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "never.mp4"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "out"))
    EXPECT_EQ(entry.path().filename(), "in.mp4") << "a partial file was left: " << entry.path();
}

}  // namespace
}  // namespace reelflow::testing
