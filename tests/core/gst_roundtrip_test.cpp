// A stage streams media through GStreamer via the runtime's pipeline runner; the
// result is decoded back and checked. GStreamer errors become stage errors that
// name the element.
#include "media_probe.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include "run/scheduler.hpp"

#include <gtest/gtest.h>

namespace reelflow::testing {
namespace {

framework::RunResult run_graph(TestRegistry& reg, const std::string& yaml, const std::filesystem::path& out) {
  auto v = reg.validate(yaml);
  EXPECT_TRUE(v.ok()) << framework::format_diagnostics(v.diagnostics);
  framework::RunOptions options;
  options.output_dir = out;
  options.cache_dir = out / "cache";
  std::atomic<bool> cancel{false};
  return framework::Scheduler(*v.plan, options, nullptr).run(cancel);
}

TEST(GstRoundTrip, EncodedVideoDecodesWithTheRightDurationAndCaps) {
  TestRegistry reg;
  TempDir dir;
  auto result = run_graph(reg, R"(stages:
  - id: v
    type: test_video
    params: { width: 320, height: 240, fps: 25, frames: 50, name: clip.mp4 }
)", dir.path());
  ASSERT_EQ(result.outcome, framework::RunOutcome::Succeeded) << result.error;
  const auto& video = std::get<VideoFile>(result.outputs.at("v.video"));
  EXPECT_EQ(video.path, dir.path() / "clip.mp4");
  std::string error;
  auto info = probe_media(video.path, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_TRUE(info->has_video);
  EXPECT_FALSE(info->has_audio);
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 240);
  EXPECT_DOUBLE_EQ(info->fps, 25.0);
  EXPECT_NEAR(info->duration_s, 2.0, 1.0 / 25);
  auto frame = decode_frame_at(video.path, 1.0);
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->width, 320);
  EXPECT_EQ(frame->pixels.size(), 320u * 240u * 3u);
  // Only the finished file is left: no temp files beside it.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST(GstRoundTrip, ElementErrorNamesTheElementAndLeavesNoFile) {
  TestRegistry reg;
  TempDir dir;
  auto result = run_graph(reg, R"(stages:
  - id: v
    type: test_video
    params: { frames: 5, name: never.mp4, location: /nonexistent-dir/x.mp4 }
)", dir.path());
  ASSERT_EQ(result.outcome, framework::RunOutcome::Failed);
  EXPECT_EQ(result.error.rfind("stage 'v' (test_video): GStreamer error from element 'sink': ", 0), 0u) << result.error;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "never.mp4"));
}

}  // namespace
}  // namespace reelflow::testing
