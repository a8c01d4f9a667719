// file_sink: a test source through the test encoder into MP4, MKV and TS, decoded
// back; a cancelled run leaves no file, finished or partial.
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

namespace reelflow::testing {
namespace {

std::string graph(const std::string& sink_params, const std::string& source_params = "duration_s: 2") {
  return R"(stages:
  - id: src
    type: av_source
    params: { source: test, width: 320, height: 240, fps: 30, )" + source_params + R"( }
  - id: enc
    type: test_av_encode
    inputs: { raw_video: src.video, raw_audio: src.audio }
  - id: sink
    type: file_sink
    params: { )" + sink_params + R"( }
    inputs: { video: enc.video, audio: enc.audio }
)";
}

void expect_complete_file(const std::string& name, const std::string& container) {
  TempDir dir;
  auto run = run_graph_yaml(graph("name: " + name), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  const auto& video = std::get<VideoFile>(run.result.outputs.at("sink.video"));
  EXPECT_EQ(video.path, dir.path() / "out" / name);
  std::string error;
  auto info = probe_media(video.path, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->container, container);
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->audio_codec, "audio/mpeg");
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 240);
  EXPECT_NEAR(info->duration_s, 2.0, 0.15);  // 60 frames at 30 fps
  EXPECT_NEAR(video.duration_s, 2.0, 0.1);
  EXPECT_EQ(video.width, 320);
  EXPECT_DOUBLE_EQ(video.fps, 30.0);
  // Decodes at its end, not only in its header.
  EXPECT_TRUE(decode_frame_at(video.path, 1.9));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / (name + ".part")));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path() / "out"), {}), 1);
}

TEST(FileSink, WritesADecodableMp4) { expect_complete_file("clip.mp4", "video/quicktime"); }
TEST(FileSink, WritesADecodableMkv) { expect_complete_file("clip.mkv", "video/x-matroska"); }
TEST(FileSink, WritesADecodableTs) { expect_complete_file("clip.ts", "video/mpegts"); }

// Cancel is a discard: no file at all, not the part file, although EOS reached the muxer.
TEST(FileSink, ACancelledRunLeavesNoFile) {
  TempDir dir;
  // MKV grows as it goes (MP4 with faststart holds its media elsewhere until EOS).
  const auto part = dir.path() / "out" / "clip.mkv.part";
  bool cancelled = false;
  GraphRunOptions options;
  options.on_event = [&](const Event&, const std::function<void()>& cancel) {
    std::error_code ec;
    if (!cancelled && std::filesystem::exists(part) && std::filesystem::file_size(part, ec) > 10000) {
      cancelled = true;
      cancel();
    }
  };
  // duration_s only bounds the test should cancel never come.
  auto run = run_graph_yaml(graph("name: clip.mkv", "live: true, duration_s: 30"), dir.path(), options);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_TRUE(cancelled) << run.result.error;
  EXPECT_EQ(run.result.outcome, RunOutcome::Cancelled);
  EXPECT_FALSE(std::filesystem::exists(part));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "clip.mkv"));
}

TEST(FileSink, ANameOutsideTheOutputDirIsRefused) {
  const std::string errors = graph_errors(graph("name: ../escape.mp4"));
  EXPECT_NE(errors.find("the name must be one file name"), std::string::npos) << errors;
  const std::string unknown = graph_errors(graph("name: clip.avi"));
  EXPECT_NE(unknown.find("cannot tell the container from the name 'clip.avi'"), std::string::npos) << unknown;
}

}  // namespace
}  // namespace reelflow::testing
