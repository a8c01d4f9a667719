// `compose` in real segments, fed by the real upstream stages of the default graph
// (offline script, scenes, espeak-ng, generated pictures), small and short. Its
// streams are checked where they leave it (caps, frame and sample counts) and, once
// encoded, against the same render made by `compositor`: same length, same frames.
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace reelflow::testing {
namespace {

constexpr int kW = 320, kH = 568, kFps = 15;

// script → scenes → voice + images: the values compose and compositor both take.
std::string upstream() {
  return R"(stages:
  - id: script
    type: llm_script
    params: { provider: offline, topic: "Tide pools", scenes: 2, target_duration_s: 6 }
  - id: scenes
    type: scene_segmenter
    inputs: { script: script.script }
    params: { min_scene_s: 2, max_scene_s: 4, target_total_s: 6 }
  - id: voice
    type: tts
    inputs: { scenes: scenes.scenes }
    params: { provider: espeak, voice: en-us, rate: 190 }
  - id: images
    type: image_source
    inputs: { scenes: scenes.scenes }
    params: { provider: generated }
)";
}

std::string render_params() {
  return "preset: \"9:16\", width: " + std::to_string(kW) + ", height: " + std::to_string(kH) +
         ", fps: " + std::to_string(kFps) + ", captions: word, thumbnail_name: thumb.jpg";
}

const std::string kInputs = "{ scenes: scenes.scenes, audio: voice.audio, images: images.images }";

double mean_abs_difference(const RgbFrame& a, const RgbFrame& b) {
  if (a.width != b.width || a.height != b.height || a.pixels.size() != b.pixels.size() || a.pixels.empty()) return 255;
  double sum = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i)
    sum += std::abs(static_cast<int>(static_cast<unsigned char>(a.pixels[i])) -
                    static_cast<int>(static_cast<unsigned char>(b.pixels[i])));
  return sum / static_cast<double>(a.pixels.size());
}

TEST(Compose, StreamsRawFramesAndSoundWithTheDeclaredCapsAndEveryFrame) {
  TempDir dir;
  auto run = run_graph_yaml(upstream() + "  - id: render\n    type: compose\n    inputs: " + kInputs +
                                "\n    params: { " + render_params() + R"( }
  - id: frames
    type: test_stream_sink
    inputs: { in: render.video }
  - id: sound
    type: test_stream_sink
    inputs: { in: render.audio }
)",
                            dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  const std::string video_caps = run.text_output("frames.caps");
  for (const std::string part : {"video/x-raw", "format=(string)I420", "width=(int)320", "height=(int)568",
                                 "framerate=(fraction)15/1"})
    EXPECT_NE(video_caps.find(part), std::string::npos) << part << " in " << video_caps;
  const std::string audio_caps = run.text_output("sound.caps");
  for (const std::string part : {"audio/x-raw", "format=(string)F32LE", "rate=(int)48000", "channels=(int)2"})
    EXPECT_NE(audio_caps.find(part), std::string::npos) << part << " in " << audio_caps;

  // Every frame of the timeline went out: as many as the narration's length says.
  const int frames = std::stoi(run.text_output("frames.count"));
  EXPECT_GT(frames, 3 * kFps);  // two scenes of narration, a few seconds
  EXPECT_LT(frames, 20 * kFps);
  // Progress was the share of frames rendered, and reached the end.
  const auto progress = run.of_kind(EventKind::StageProgress, "render");
  ASSERT_FALSE(progress.empty());
  EXPECT_DOUBLE_EQ(progress.back().progress, 1.0);

  const auto thumb = probe_media(dir.path() / "out" / "thumb.jpg");
  ASSERT_TRUE(thumb);
  EXPECT_EQ(thumb->width, kW);
  EXPECT_EQ(thumb->height, kH);
}

TEST(Compose, ACancelWhileItRendersIsACancelNotAFailure) {
  TempDir dir;
  GraphRunOptions options;
  bool cancelled = false;
  options.on_event = [&](const Event& e, const std::function<void()>& cancel) {
    // Frames are being pushed: cancel the run in the middle of the render.
    if (!cancelled && e.kind == EventKind::StageProgress && e.stage_id == "render" && e.progress > 0.05) {
      cancelled = true;
      cancel();
    }
  };
  auto run = run_graph_yaml(upstream() + "  - id: render\n    type: compose\n    inputs: " + kInputs +
                                "\n    params: { " + render_params() + R"( }
  - id: frames
    type: test_stream_sink
    params: { sync: true }
    inputs: { in: render.video }
  - id: sound
    type: test_stream_sink
    inputs: { in: render.audio }
)",
                            dir.path(), options);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(run.result.outcome, RunOutcome::Cancelled) << run.result.error;
  EXPECT_TRUE(run.of_kind(EventKind::StageFailed).empty()) << run.of_kind(EventKind::StageFailed).front().message;
  EXPECT_EQ(run.of_kind(EventKind::StageCancelled, "render").size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "thumb.jpg"));  // written only after a clean end
}

TEST(Compose, EncodedDownstreamItIsTheRenderTheCompositorMakes) {
  TempDir dir;
  // One dir: the second graph takes script, speech and pictures from the stage cache.
  auto batch = run_graph_yaml(upstream() + "  - id: video\n    type: compositor\n    inputs: " + kInputs +
                                  "\n    params: { " + render_params() + ", crf: 10, output: batch.mp4 }\n",
                              dir.path());
  ASSERT_TRUE(batch.loaded) << batch.load_errors;
  ASSERT_EQ(batch.result.outcome, RunOutcome::Succeeded) << batch.result.error;
  auto streamed = run_graph_yaml(upstream() + "  - id: render\n    type: compose\n    inputs: " + kInputs +
                                     "\n    params: { " + render_params() + R"( }
  - id: encode
    type: encode
    inputs: { raw_video: render.video, raw_audio: render.audio }
    params: { rate_control: quality, quality: 10 }
  - id: video
    type: file_sink
    inputs: { video: encode.video, audio: encode.audio }
    params: { name: streamed.mp4 }
)",
                                 dir.path());
  ASSERT_TRUE(streamed.loaded) << streamed.load_errors;
  ASSERT_EQ(streamed.result.outcome, RunOutcome::Succeeded) << streamed.result.error;

  const auto a = probe_media(dir.path() / "out" / "batch.mp4");
  const auto b = probe_media(dir.path() / "out" / "streamed.mp4");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(b->width, kW);
  EXPECT_EQ(b->height, kH);
  EXPECT_TRUE(b->has_audio);
  EXPECT_NEAR(a->duration_s, b->duration_s, 1.5 / kFps);
  // The same pictures, motion and captions: frames differ by encoding noise only.
  for (double t : {0.5, 0.4 * a->duration_s, a->duration_s - 0.5}) {
    auto fa = decode_frame_at(dir.path() / "out" / "batch.mp4", t);
    auto fb = decode_frame_at(dir.path() / "out" / "streamed.mp4", t);
    ASSERT_TRUE(fa && fb) << t;
    EXPECT_LT(mean_abs_difference(*fa, *fb), 3.0) << "at " << t << " s";
  }
  // The same soundtrack: equally loud over the whole video.
  const auto sa = decode_audio_mono(dir.path() / "out" / "batch.mp4");
  const auto sb = decode_audio_mono(dir.path() / "out" / "streamed.mp4");
  EXPECT_NEAR(rms_db(sa, 0.2, a->duration_s - 0.2), rms_db(sb, 0.2, a->duration_s - 0.2), 0.5);
}

}  // namespace
}  // namespace reelflow::testing
