#include "overlay_stage.hpp"

#include "overlay_layout.hpp"

#include <reelflow_stream/bin_builder.hpp>

#include <vector>

namespace reelflow::overlay {
namespace {

const std::vector<std::string> kCorners = {"top-left", "top-right", "bottom-left", "bottom-right"};

void set_nick(GstElement* element, const char* property, const char* nick) {
  gst_util_set_object_arg(G_OBJECT(element), property, nick);
}

// The text overlays call their video input "video_sink"; gdkpixbufoverlay calls it "sink".
const char* video_sink(GstElement* element) {
  gst::PadPtr pad(gst_element_get_static_pad(element, "sink"));
  return pad ? "sink" : "video_sink";
}

std::string font(const ParamSet& p, double size_param, int frame_height) {
  return p.str("font") + " " + std::to_string(font_pixels(size_param, frame_height)) + "px";
}

}  // namespace

void Overlay::setup(StageSpec& spec) {
  spec.describe("Draws a picture watermark, a line of text and/or a clock on video");
  spec.stream_input("in", "video/x-raw", "the frames");
  spec.stream_output("out", "video/x-raw", "the frames with the overlays (same format and size)");
  spec.param("image", "", "watermark picture (PNG with alpha, JPEG, ...); empty: none");
  std::vector<std::string> positions = kCorners;
  positions.push_back("center");
  spec.param("position", "bottom-right", "where the watermark goes").one_of(positions);
  spec.param("margin", 0.03, "watermark distance from the edges, as a fraction of the frame width").range(0, 0.5);
  spec.param("opacity", 1.0, "watermark opacity, 0 (invisible) to 1").range(0, 1);
  spec.param("scale", 0.15, "watermark width as a fraction of the frame width (height keeps its aspect); 0: its own size")
      .range(0, 1);
  spec.param("text", "", "a line of text; empty: none");
  spec.param("text_position", "bottom", "top, center or bottom (centred horizontally)").one_of({"top", "center", "bottom"});
  spec.param("text_size", 0.06, "text height as a fraction of the frame height").range(0.01, 0.5);
  spec.param("font", "Sans Bold", "Pango font family and style for text and clock");
  spec.param("clock", "none", "none, wall (the local time, clockoverlay) or stream (the stream time, timeoverlay)")
      .one_of({"none", "wall", "stream"});
  spec.param("clock_position", "top-left", "the clock's corner").one_of(kCorners);
  spec.param("clock_format", "%H:%M:%S", "strftime format of the wall clock");
  spec.param("clock_size", 0.05, "clock text height as a fraction of the frame height").range(0.01, 0.5);
  spec.trust("image", ParamTrust::Path);
  spec.trust("text", ParamTrust::FreeText);
  spec.trust("font", ParamTrust::FreeText);
  spec.trust("clock_format", ParamTrust::FreeText);
}

void Overlay::check(const CheckContext& context, CheckReport& report) {
  const auto& p = context.params();
  if (p.str("image").empty() && p.str("text").empty() && p.str("clock") == "none")
    report.error({}, "nothing to draw: set image, text or clock");
  std::string error;
  if (!p.str("image").empty() && !picture_size(p.str("image"), error)) report.error("image", error, "a PNG or JPEG file");
}

Status Overlay::build(StageContext& context, GstElement* bin) {
  params_ = &context.params();
  const auto& p = *params_;
  stream::BinBuilder b(bin);
  std::vector<GstElement*> chain;
  if (!p.str("image").empty()) {
    std::string error;
    auto size = picture_size(p.str("image"), error);  // checked at validation too; it may have gone since
    if (!size) return Status::error(error);
    mark_ = *size;
    image_ = b.add("gdkpixbufoverlay", "image");
    if (image_) {
      g_object_set(image_, "location", p.str("image").c_str(), "alpha", p.number("opacity"), nullptr);
      set_nick(image_, "positioning-mode", "pixels-absolute");
      chain.push_back(image_);
    }
  }
  if (!p.str("text").empty()) {
    text_ = b.add("textoverlay", "text");
    if (text_) {
      g_object_set(text_, "text", p.str("text").c_str(), nullptr);
      set_nick(text_, "valignment", p.str("text_position").c_str());
      set_nick(text_, "halignment", "center");
      chain.push_back(text_);
    }
  }
  if (p.str("clock") != "none") {
    const bool wall = p.str("clock") == "wall";
    clock_ = b.add(wall ? "clockoverlay" : "timeoverlay", "clock");
    if (clock_) {
      if (wall) g_object_set(clock_, "time-format", p.str("clock_format").c_str(), nullptr);
      const std::string& corner = p.str("clock_position");
      set_nick(clock_, "valignment", corner.rfind("top", 0) == 0 ? "top" : "bottom");
      set_nick(clock_, "halignment", corner.find("left") != std::string::npos ? "left" : "right");
      chain.push_back(clock_);
    }
  }
  if (!b.ok()) return b.status();
  if (chain.empty()) return Status::error("nothing to draw: set image, text or clock");
  // No videoconvert: these elements blend onto every raw format (overlay composition).
  for (std::size_t i = 1; i < chain.size(); ++i) b.chain({chain[i - 1], chain[i]});
  b.ghost(chain.front(), video_sink(chain.front()), "in");
  b.ghost(chain.back(), "src", "out");
  if (b.ok()) {
    gst::PadPtr sink(gst_element_get_static_pad(chain.front(), video_sink(chain.front())));
    gst_pad_add_probe(sink.get(), GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, &Overlay::on_event, this, nullptr);
  }
  return b.status();
}

GstPadProbeReturn Overlay::on_event(GstPad*, GstPadProbeInfo* info, gpointer self) {
  GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
  if (GST_EVENT_TYPE(event) != GST_EVENT_CAPS) return GST_PAD_PROBE_OK;
  GstCaps* caps = nullptr;
  gst_event_parse_caps(event, &caps);
  int width = 0, height = 0;
  const GstStructure* s = gst_caps_get_structure(caps, 0);
  if (gst_structure_get_int(s, "width", &width) && gst_structure_get_int(s, "height", &height))
    static_cast<Overlay*>(self)->resize(width, height);
  return GST_PAD_PROBE_OK;
}

void Overlay::resize(int width, int height) {
  const auto& p = *params_;
  if (image_) {
    const Box box = place_mark(p.str("position"), width, height, mark_.width, mark_.height, p.number("scale"),
                               p.number("margin"));
    g_object_set(image_, "offset-x", box.x, "offset-y", box.y, "overlay-width", box.width, "overlay-height", box.height,
                 nullptr);
  }
  if (text_) g_object_set(text_, "font-desc", font(p, p.number("text_size"), height).c_str(), nullptr);
  if (clock_) g_object_set(clock_, "font-desc", font(p, p.number("clock_size"), height).c_str(), nullptr);
}

}  // namespace reelflow::overlay
