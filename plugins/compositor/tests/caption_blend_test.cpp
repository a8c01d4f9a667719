// Captions blended by the compositor itself: OverlayPlanes' arithmetic against a
// reference "over" in doubles, and the caption-blend element in a real pipeline
// against textoverlay blending the same text on its own.
#include "caption_blend.hpp"
#include "overlay_planes.hpp"

#include <gst/app/gstappsink.h>
#include <gst/video/video.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

namespace reelflow::compositor {
namespace {

// A premultiplied BGRA picture, as GStreamer's overlay rectangles hold it on little-endian.
struct Bgra {
  int width, height;
  std::vector<std::uint8_t> bytes;
  Bgra(int w, int h) : width(w), height(h), bytes(static_cast<std::size_t>(w * h * 4), 0) {}
  // Straight colour and alpha in, stored premultiplied.
  void set(int x, int y, int r, int g, int b, int a) {
    std::uint8_t* p = &bytes[static_cast<std::size_t>((y * width + x) * 4)];
    p[0] = static_cast<std::uint8_t>(std::lround(b * a / 255.0));
    p[1] = static_cast<std::uint8_t>(std::lround(g * a / 255.0));
    p[2] = static_cast<std::uint8_t>(std::lround(r * a / 255.0));
    p[3] = static_cast<std::uint8_t>(a);
  }
  OverlayPlanes::Pixels pixels() const { return {bytes.data(), width * 4, width, height}; }
};

I420Image flat_frame(cv::Size size, int y, int u, int v) {
  I420Image frame(size);
  frame.y.setTo(y);
  frame.u.setTo(u);
  frame.v.setTo(v);
  return frame;
}

double luma_of(double r, double g, double b) { return 16.0 + 219.0 * (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0; }

TEST(CompositorOverlayPlanes, LumaIsStraightAlphaOverToOneLevel) {
  const cv::Size size(64, 48);
  std::mt19937 random(5);
  std::uniform_int_distribution<int> byte(0, 255);
  I420Image frame(size);
  cv::randu(frame.y, 0, 256);
  frame.u.setTo(128);
  frame.v.setTo(128);
  const cv::Mat before = frame.y.clone();
  Bgra overlay(40, 30);
  std::vector<int> r(1200), g(1200), b(1200), a(1200);
  for (int i = 0; i < 1200; ++i) {
    r[i] = byte(random), g[i] = byte(random), b[i] = byte(random);
    a[i] = i % 5 == 0 ? 0 : i % 5 == 1 ? 255 : byte(random);
    overlay.set(i % 40, i / 40, r[i], g[i], b[i], a[i]);
  }
  const int ox = 11, oy = 9;
  OverlayPlanes planes(overlay.pixels(), ox, oy, size);
  I420View view = frame.view();
  planes.blend_into(view);
  int worst = 0;
  for (int y = 0; y < size.height; ++y) {
    for (int x = 0; x < size.width; ++x) {
      const int d = before.at<std::uint8_t>(y, x);
      double expected = d;
      const int i = (y - oy) * 40 + (x - ox);
      if (x >= ox && x < ox + 40 && y >= oy && y < oy + 30 && a[i] > 0) {
        // The colour as stored (premultiplied, rounded) and recovered, then "over".
        const double alpha = a[i] / 255.0;
        const double straight = luma_of(std::lround(r[i] * alpha) / alpha, std::lround(g[i] * alpha) / alpha,
                                        std::lround(b[i] * alpha) / alpha);
        expected = d * (1.0 - alpha) + std::clamp(straight, 0.0, 255.0) * alpha;
      }
      worst = std::max(worst, static_cast<int>(std::lround(std::abs(frame.y.at<std::uint8_t>(y, x) - expected))));
    }
  }
  EXPECT_LE(worst, 1);
  EXPECT_EQ(planes.covered_pixels(), static_cast<std::size_t>(std::count_if(a.begin(), a.end(), [](int v) { return v > 0; })));
}

TEST(CompositorOverlayPlanes, ASoftBlackShadowDarkensWithoutTintingTheChroma) {
  // The bug this guards: GStreamer's AYUV copy of a premultiplied rectangle divides U and
  // V by alpha as well, so a half-transparent black shadow came out purple.
  const cv::Size size(32, 32);
  I420Image frame = flat_frame(size, 180, 128, 128);
  Bgra shadow(16, 16);
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 16; ++x) shadow.set(x, y, 0, 0, 0, 128);
  OverlayPlanes planes(shadow.pixels(), 8, 8, size);
  I420View view = frame.view();
  planes.blend_into(view);
  EXPECT_NEAR(frame.y.at<std::uint8_t>(16, 16), 180 * (127.0 / 255) + 16 * (128.0 / 255), 1.0);
  double u_min, u_max, v_min, v_max;
  cv::minMaxLoc(frame.u, &u_min, &u_max);
  cv::minMaxLoc(frame.v, &v_min, &v_max);
  EXPECT_EQ(u_min, 128);
  EXPECT_EQ(u_max, 128);
  EXPECT_EQ(v_min, 128);
  EXPECT_EQ(v_max, 128);
}

TEST(CompositorOverlayPlanes, ChromaTakesEachBlocksCoverageAndAlphaWeightedColour) {
  const cv::Size size(8, 8);
  I420Image frame = flat_frame(size, 100, 128, 128);
  // Chroma cell (1, 1) is luma (2..3, 2..3). Overlay at (3, 2): in that cell it covers
  // (3, 2) with opaque blue and (3, 3) with transparent red; the two left pixels are
  // outside it. Coverage 1/4, colour pure blue (the transparent red weighs nothing).
  Bgra overlay(2, 2);
  overlay.set(0, 0, 0, 0, 255, 255);
  overlay.set(0, 1, 255, 0, 0, 0);
  OverlayPlanes planes(overlay.pixels(), 3, 2, size);
  I420View view = frame.view();
  planes.blend_into(view);
  const double blue_u = 128.0 + 224.0 * 0.5, blue_v = 128.0 + 224.0 * -0.0458470;
  EXPECT_NEAR(frame.u.at<std::uint8_t>(1, 1), 128 * 0.75 + blue_u * 0.25, 1.0);
  EXPECT_NEAR(frame.v.at<std::uint8_t>(1, 1), 128 * 0.75 + blue_v * 0.25, 1.0);
  EXPECT_EQ(frame.u.at<std::uint8_t>(1, 0), 128) << "cells the overlay misses keep their colour";
  EXPECT_EQ(frame.y.at<std::uint8_t>(2, 2), 100) << "luma left of the overlay is untouched";
  EXPECT_EQ(frame.y.at<std::uint8_t>(3, 3), 100) << "a transparent pixel leaves luma alone";
  EXPECT_NEAR(frame.y.at<std::uint8_t>(2, 3), luma_of(0, 0, 255), 1.0);
}

TEST(CompositorOverlayPlanes, ClipsToTheFrameAndHonoursGlobalAlpha) {
  const cv::Size size(16, 16);
  Bgra white(10, 10);
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 10; ++x) white.set(x, y, 255, 255, 255, 255);
  I420Image frame = flat_frame(size, 16, 128, 128);
  OverlayPlanes half(white.pixels(), -5, 11, size, 0.5);  // only its top-right quarter is inside
  I420View view = frame.view();
  half.blend_into(view);
  EXPECT_EQ(cv::countNonZero(frame.y != 16), 5 * 5);
  EXPECT_NEAR(frame.y.at<std::uint8_t>(12, 2), (16 + 235) / 2.0, 1.0);
  EXPECT_EQ(half.covered_pixels(), 25u);
  // Wholly outside: nothing to do, nothing touched.
  OverlayPlanes outside(white.pixels(), 20, 20, size);
  EXPECT_EQ(outside.covered_pixels(), 0u);
  const cv::Mat y_before = frame.y.clone();
  outside.blend_into(view);
  EXPECT_EQ(cv::countNonZero(frame.y != y_before), 0);
  // A frame of another size is refused, not overrun.
  I420Image small(cv::Size(8, 8));
  I420View small_view = small.view();
  EXPECT_THROW(half.blend_into(small_view), std::invalid_argument);
}

TEST(CompositorOverlayPlanes, AnOverlayLargerThanTheFrameIsCutToIt) {
  // Caption text comes from the script, so a caption can be any size: one past every
  // edge touches each frame pixel once and reads no pixel outside either image.
  const cv::Size size(10, 6);
  Bgra white(30, 20);
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 30; ++x) white.set(x, y, 255, 255, 255, 255);
  I420Image frame = flat_frame(size, 16, 100, 100);
  OverlayPlanes planes(white.pixels(), -7, -9, size);
  I420View view = frame.view();
  planes.blend_into(view);
  EXPECT_EQ(planes.covered_pixels(), static_cast<std::size_t>(size.area()));
  EXPECT_EQ(cv::countNonZero(frame.y != 235), 0);
  EXPECT_EQ(cv::countNonZero(frame.u != 128), 0);
}

// One I420 frame of a still test pattern with a caption on it, blended by textoverlay
// itself or (`ours`) attached by textoverlay and blended by the caption-blend element.
struct PulledFrame {
  cv::Mat y, u, v;
  bool had_composition_meta = false;  // on the frame that left
  bool meta_reached_blend = false;    // on a frame that entered the caption-blend element
};

PulledFrame pull_frame(const std::string& text, bool ours) {
  gst_init(nullptr, nullptr);
  const std::string description =
      "videotestsrc pattern=smpte num-buffers=1 ! video/x-raw,format=I420,width=320,height=240 ! "
      "textoverlay name=captions text=\"" + text + "\" font-desc=\"Sans Bold 28\" draw-shadow=true "
      "draw-outline=true valignment=bottom ! appsink name=out sync=false caps=video/x-raw,format=I420";
  GError* error = nullptr;
  gst::ElementPtr pipeline(gst_parse_launch(description.c_str(), &error));
  if (error) {
    ADD_FAILURE() << error->message;
    g_error_free(error);
    return {};
  }
  GstBin* bin = GST_BIN(pipeline.get());
  gst::ElementPtr sink(gst_bin_get_by_name(bin, "out"));
  bool meta_seen = false;
  if (ours) {
    gst::ElementPtr overlay(gst_bin_get_by_name(bin, "captions"));
    gst_element_unlink(overlay.get(), sink.get());
    gst::ElementPtr blend = make_caption_blend("caption-blend");
    gst_bin_add(bin, blend.get());
    EXPECT_TRUE(gst_element_link_many(overlay.get(), blend.get(), sink.get(), nullptr));
    gst::PadPtr blend_sink(gst_element_get_static_pad(blend.get(), "sink"));
    gst_pad_add_probe(
        blend_sink.get(), GST_PAD_PROBE_TYPE_BUFFER,
        [](GstPad*, GstPadProbeInfo* info, gpointer seen) {
          if (gst_buffer_get_video_overlay_composition_meta(GST_PAD_PROBE_INFO_BUFFER(info)))
            *static_cast<bool*>(seen) = true;
          return GST_PAD_PROBE_OK;
        },
        &meta_seen, nullptr);
  }
  gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);
  gst::SamplePtr sample(gst_app_sink_try_pull_sample(GST_APP_SINK(sink.get()), 10 * GST_SECOND));
  PulledFrame out;
  out.meta_reached_blend = meta_seen;
  if (sample) {
    GstVideoInfo info;
    gst_video_info_from_caps(&info, gst_sample_get_caps(sample.get()));
    GstBuffer* buffer = gst_sample_get_buffer(sample.get());
    out.had_composition_meta = gst_buffer_get_video_overlay_composition_meta(buffer) != nullptr;
    GstVideoFrame frame;
    if (gst_video_frame_map(&frame, &info, buffer, GST_MAP_READ)) {
      auto plane = [&](int i) {
        return cv::Mat(GST_VIDEO_FRAME_COMP_HEIGHT(&frame, i), GST_VIDEO_FRAME_COMP_WIDTH(&frame, i), CV_8UC1,
                       GST_VIDEO_FRAME_PLANE_DATA(&frame, i),
                       static_cast<std::size_t>(GST_VIDEO_FRAME_PLANE_STRIDE(&frame, i)))
            .clone();
      };
      out.y = plane(0), out.u = plane(1), out.v = plane(2);
      gst_video_frame_unmap(&frame);
    }
  }
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);
  return out;
}

double mean_difference(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat diff;
  cv::absdiff(a, b, diff);
  return cv::mean(diff)[0];
}

TEST(CompositorCaptionBlend, BlendsWhatTextoverlayWouldHaveBlended) {
  const PulledFrame theirs = pull_frame("Caption text", false);
  const PulledFrame ours = pull_frame("Caption text", true);
  const PulledFrame bare = pull_frame("", true);
  ASSERT_FALSE(theirs.y.empty());
  ASSERT_FALSE(ours.y.empty());
  ASSERT_FALSE(bare.y.empty());
  EXPECT_TRUE(ours.meta_reached_blend) << "textoverlay attached the caption instead of blending it";
  EXPECT_FALSE(ours.had_composition_meta) << "the caption is burnt in, not passed on as a meta";
  EXPECT_FALSE(theirs.had_composition_meta);
  // The caption is there: hundreds of pixels changed against the bare pattern.
  EXPECT_GT(cv::countNonZero(cv::abs(ours.y - bare.y) > 30), 500);
  // And it is textoverlay's caption, blended alike: same place, same strokes, same colours.
  const double luma = mean_difference(ours.y, theirs.y), cb = mean_difference(ours.u, theirs.u),
               cr = mean_difference(ours.v, theirs.v);
  std::printf("[ measured ] ours against textoverlay's blend: mean difference Y %.3f, U %.3f, V %.3f levels\n", luma,
              cb, cr);
  EXPECT_LT(luma, 0.5);
  EXPECT_LT(cb, 1.0);
  EXPECT_LT(cr, 1.0);
}

TEST(CompositorCaptionBlend, FramesWithoutACaptionPassUnchanged) {
  const PulledFrame ours = pull_frame("", true);
  const PulledFrame theirs = pull_frame("", false);
  ASSERT_FALSE(ours.y.empty());
  ASSERT_FALSE(theirs.y.empty());
  EXPECT_EQ(cv::countNonZero(ours.y != theirs.y), 0);
  EXPECT_EQ(cv::countNonZero(ours.u != theirs.u), 0);
  EXPECT_EQ(cv::countNonZero(ours.v != theirs.v), 0);
}

}  // namespace
}  // namespace reelflow::compositor
