// overlay in real segments: black frames → overlay → encode_video (high quality)
// → test_mux_sink; frames are decoded and compared with the same graph without
// the overlay, region by region.
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <gst/gst.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <string>

namespace reelflow::testing {
namespace {

constexpr int kW = 320, kH = 240;

// A red 80x40 PNG, made with GStreamer.
std::filesystem::path red_png(const std::filesystem::path& dir) {
  gst_init(nullptr, nullptr);
  const auto file = dir / "mark.png";
  GError* error = nullptr;
  GstElement* p = gst_parse_launch(
      "videotestsrc pattern=red num-buffers=1 ! video/x-raw,width=80,height=40 ! pngenc ! filesink name=f", &error);
  EXPECT_TRUE(p) << (error ? error->message : "");
  GstElement* f = gst_bin_get_by_name(GST_BIN(p), "f");
  g_object_set(f, "location", file.c_str(), nullptr);
  gst_object_unref(f);
  gst_element_set_state(p, GST_STATE_PLAYING);
  GstBus* bus = gst_element_get_bus(p);
  GstMessage* m = gst_bus_timed_pop_filtered(bus, 20 * GST_SECOND, static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  EXPECT_TRUE(m && GST_MESSAGE_TYPE(m) == GST_MESSAGE_EOS);
  if (m) gst_message_unref(m);
  gst_object_unref(bus);
  gst_element_set_state(p, GST_STATE_NULL);
  gst_object_unref(p);
  return file;
}

// Frames of the graph with `overlay_params` (empty: no overlay stage), decoded at `t`.
RgbFrame frame(const TempDir& dir, const std::string& name, const std::string& overlay_params, double t = 0.5) {
  std::string g = "stages:\n  - id: v\n    type: test_stream_source\n    params: { frames: 45, pattern: black, width: " +
                  std::to_string(kW) + ", height: " + std::to_string(kH) + " }\n";
  std::string video = "v.out";
  if (!overlay_params.empty()) {
    g += "  - id: o\n    type: overlay\n    params: { " + overlay_params + " }\n    inputs: { in: v.out }\n";
    video = "o.out";
  }
  g += "  - id: enc\n    type: encode_video\n    params: { rate_control: quality, quality: 8 }\n    inputs: { raw_video: " +
       video + " }\n  - id: sink\n    type: test_mux_sink\n    params: { name: " + name + ".mp4 }\n    inputs: { video: enc.video }\n";
  auto run = run_graph_yaml(g, dir.path() / name);
  EXPECT_TRUE(run.loaded) << run.load_errors;
  EXPECT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  auto decoded = decode_frame_at(run.text_output("sink.file"), t);
  EXPECT_TRUE(decoded);
  return decoded ? *decoded : RgbFrame{};
}

struct Mean {
  double r = 0, g = 0, b = 0;
};
// Mean colour of [x, x+w) x [y, y+h).
Mean mean(const RgbFrame& f, int x, int y, int w, int h) {
  Mean m;
  if (f.width != kW || f.height != kH) return {-1, -1, -1};
  for (int j = y; j < y + h; ++j)
    for (int i = x; i < x + w; ++i) {
      const auto* px = reinterpret_cast<const unsigned char*>(f.pixels.data()) + (j * f.width + i) * 3;
      m.r += px[0], m.g += px[1], m.b += px[2];
    }
  const double n = static_cast<double>(w) * h;
  return {m.r / n, m.g / n, m.b / n};
}
double brightest(const RgbFrame& f, int x, int y, int w, int h) {
  double top = 0;
  for (int j = y; j < y + h; ++j)
    for (int i = x; i < x + w; ++i) {
      const auto* px = reinterpret_cast<const unsigned char*>(f.pixels.data()) + (j * f.width + i) * 3;
      top = std::max(top, (px[0] + px[1] + px[2]) / 3.0);
    }
  return top;
}

// The 80x40 mark at scale 0.25 (80 px of 320) with a 5% margin (16 px); inset 6 px
// so that chroma subsampling at its edges does not count.
constexpr int kMarkW = 80, kMarkH = 40, kMargin = 16, kInset = 6;
Mean corner(const RgbFrame& f, bool right, bool bottom) {
  const int x = right ? kW - kMargin - kMarkW : kMargin;
  const int y = bottom ? kH - kMargin - kMarkH : kMargin;
  return mean(f, x + kInset, y + kInset, kMarkW - 2 * kInset, kMarkH - 2 * kInset);
}

TEST(Overlay, TheWatermarkLandsInTheCornerItsPositionNames) {
  TempDir dir;
  const auto png = red_png(dir.path());
  const RgbFrame plain = frame(dir, "plain", "");
  for (const bool bottom_right : {true, false}) {
    const std::string position = bottom_right ? "bottom-right" : "top-left";
    const RgbFrame marked =
        frame(dir, position, "image: " + png.string() + ", position: " + position + ", scale: 0.25, margin: 0.05");
    const Mean there = corner(marked, bottom_right, bottom_right);
    const Mean opposite = corner(marked, !bottom_right, !bottom_right);
    EXPECT_GT(there.r - corner(plain, bottom_right, bottom_right).r, 150) << position;
    EXPECT_LT(there.g, 60) << position;  // red, not a bright patch of anything
    EXPECT_NEAR(opposite.r, corner(plain, !bottom_right, !bottom_right).r, 6) << position;
    // Just outside the box, toward the centre: untouched.
    const int outside_x = bottom_right ? kW - kMargin - kMarkW - 14 : kMargin + kMarkW + 6;
    const int outside_y = bottom_right ? kH - kMargin - kMarkH : kMargin;
    EXPECT_LT(mean(marked, outside_x, outside_y, 8, kMarkH).r, 20) << position;
  }
}

TEST(Overlay, HalfOpacityBlendsAboutHalfway) {
  TempDir dir;
  const auto png = red_png(dir.path());
  const std::string mark = "image: " + png.string() + ", scale: 0.25, margin: 0.05, opacity: ";
  const double full = corner(frame(dir, "full", mark + "1.0"), true, true).r;
  const double half = corner(frame(dir, "half", mark + "0.5"), true, true).r;
  EXPECT_GT(full, 200);
  // On black, half of the mark's red (limited-range video: about 128 of 255).
  EXPECT_GT(half, 0.35 * full);
  EXPECT_LT(half, 0.65 * full);
}

TEST(Overlay, TextDrawsInItsBandOnly) {
  TempDir dir;
  const RgbFrame text = frame(dir, "text", "text: \"REELFLOW 42\", text_position: bottom, text_size: 0.12");
  EXPECT_GT(brightest(text, 0, kH * 3 / 4, kW, kH / 4), 180);  // white glyphs at the bottom
  EXPECT_LT(brightest(text, 0, 0, kW, kH / 2), 40);           // nothing in the top half
}

TEST(Overlay, ImageTextAndStreamClockCombineInOneStage) {
  TempDir dir;
  const auto png = red_png(dir.path());
  const std::string params = "image: " + png.string() +
                             ", scale: 0.25, margin: 0.05, text: HELLO, text_position: top, clock: stream, "
                             "clock_position: bottom-left, clock_size: 0.08";
  const RgbFrame early = frame(dir, "early", params, 0.2);
  const RgbFrame late = frame(dir, "late", params, 1.2);
  EXPECT_GT(corner(early, true, true).r, 150);                     // the mark, bottom right
  EXPECT_GT(brightest(early, kW / 4, 0, kW / 2, kH / 5), 180);     // the text, top centre
  EXPECT_GT(brightest(early, 0, kH * 4 / 5, kW / 2, kH / 5), 180);  // the clock, bottom left
  // The clock shows stream time: its digits differ between 0.2 s and 1.2 s.
  double changed = 0;
  for (int j = kH * 4 / 5; j < kH; ++j)
    for (int i = 0; i < kW / 2; ++i) {
      const auto k = static_cast<std::size_t>((j * kW + i) * 3);
      changed += std::abs(static_cast<int>(static_cast<unsigned char>(early.pixels[k])) -
                          static_cast<int>(static_cast<unsigned char>(late.pixels[k])));
    }
  EXPECT_GT(changed, 2000);
}

TEST(Overlay, AMissingOrUnreadableImageIsAValidationErrorNamingTheFile) {
  TempDir dir;
  const std::string graph = R"(stages:
  - id: v
    type: test_stream_source
  - id: o
    type: overlay
    params: { image: IMAGE }
    inputs: { in: v.out }
)";
  auto with = [&](const std::string& image) {
    std::string g = graph;
    g.replace(g.find("IMAGE"), 5, image);
    return graph_errors(g);
  };
  const std::string missing = (dir.path() / "no-such-mark.png").string();
  const std::string errors = with(missing);
  EXPECT_NE(errors.find("g.yaml:6:"), std::string::npos) << errors;  // at the image param's line
  EXPECT_NE(errors.find("image file '" + missing + "' does not exist"), std::string::npos) << errors;
  const auto text = dir.path() / "notes.png";
  std::ofstream(text) << "not a picture";
  const std::string unreadable = with(text.string());
  EXPECT_NE(unreadable.find("image file '" + text.string() + "' is not a picture"), std::string::npos) << unreadable;
  EXPECT_EQ(with(red_png(dir.path()).string()), "");
}

}  // namespace
}  // namespace reelflow::testing
