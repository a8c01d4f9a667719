// An embedding host feeding a stream input with its own appsrc (docs/embedding.md,
// "Attaching to a stream port"): the frames it pushes into encode → file_sink are
// all in the file, counted by decoding it.
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gtest/gtest.h>

namespace reelflow::testing {
namespace {

constexpr int kWidth = 160, kHeight = 120, kFps = 30;

// Pushes `total` I420 frames, each a shade brighter, when the appsrc asks; then EOS.
struct FramePusher {
  int total = 0;
  int pushed = 0;

  static void need_data(GstAppSrc* src, guint, gpointer data) {
    auto& self = *static_cast<FramePusher*>(data);
    if (self.pushed == self.total) {
      gst_app_src_end_of_stream(src);
      return;
    }
    constexpr gsize luma = kWidth * kHeight;
    GstBuffer* frame = gst_buffer_new_allocate(nullptr, luma * 3 / 2, nullptr);
    gst_buffer_memset(frame, 0, static_cast<guint8>(16 + 6 * self.pushed), luma);
    gst_buffer_memset(frame, luma, 128, luma / 2);
    GST_BUFFER_PTS(frame) = gst_util_uint64_scale(self.pushed, GST_SECOND, kFps);
    GST_BUFFER_DURATION(frame) = gst_util_uint64_scale(1, GST_SECOND, kFps);
    ++self.pushed;
    gst_app_src_push_buffer(src, frame);  // takes the buffer
  }
};

TEST(HostAppsrc, EveryFrameAHostPushesIntoEncodeIsInTheFile) {
  TempDir dir;
  gst_init(nullptr, nullptr);
  constexpr int kFrames = 36;
  gst::ElementPtr appsrc(GST_ELEMENT(gst_object_ref_sink(gst_element_factory_make("appsrc", "host"))));
  gst::CapsPtr caps(gst_caps_new_simple("video/x-raw", "format", G_TYPE_STRING, "I420", "width", G_TYPE_INT, kWidth,
                                        "height", G_TYPE_INT, kHeight, "framerate", GST_TYPE_FRACTION, kFps, 1, nullptr));
  g_object_set(appsrc.get(), "caps", caps.get(), "format", GST_FORMAT_TIME, nullptr);
  FramePusher pusher{kFrames};
  GstAppSrcCallbacks callbacks{};
  callbacks.need_data = &FramePusher::need_data;
  gst_app_src_set_callbacks(GST_APP_SRC(appsrc.get()), &callbacks, &pusher, nullptr);

  GraphRunOptions options;
  options.stream_taps = {{"enc", "raw_video", appsrc.get()}};
  auto run = run_graph_yaml(R"(stages:
  - id: enc
    type: encode_video
    params: { preset: ultrafast, gop: 12 }
    inputs: { raw_video: { host: true } }
  - id: sink
    type: file_sink
    params: { name: host.mp4, audio: false }
    inputs: { video: enc.video }
)", dir.path(), options);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(pusher.pushed, kFrames);
  const auto& video = std::get<VideoFile>(run.result.outputs.at("sink.video"));
  std::string error;
  const auto info = probe_media(video.path, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->width, kWidth);
  EXPECT_EQ(info->height, kHeight);
  EXPECT_EQ(decoded_video_frames(video.path), kFrames);
  // The last frame is the brightest shade the host pushed, not a repeat of an early one.
  const auto last = decode_frame_at(video.path, (kFrames - 1.0) / kFps);
  ASSERT_TRUE(last);
  const auto first = decode_frame_at(video.path, 0);
  ASSERT_TRUE(first);
  EXPECT_GT(static_cast<unsigned char>(last->pixels[0]), static_cast<unsigned char>(first->pixels[0]) + 100);
}

}  // namespace
}  // namespace reelflow::testing
