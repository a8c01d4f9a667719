#include "title_card.hpp"

#include "gst_elements.hpp"
#include "mapped_video_frame.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

constexpr GstClockTime kPullTimeout = 30 * GST_SECOND;

GstVideoInfo i420_info(cv::Size size) {
  GstVideoInfo info;
  gst_video_info_set_format(&info, GST_VIDEO_FORMAT_I420, static_cast<guint>(size.width),
                            static_cast<guint>(size.height));
  return info;
}

gst::BufferPtr buffer_of(const I420Image& image, const GstVideoInfo& info) {
  gst::BufferPtr buffer(gst_buffer_new_allocate(nullptr, GST_VIDEO_INFO_SIZE(&info), nullptr));
  {
    MappedVideoFrame frame(info, buffer.get(), GST_MAP_WRITE);
    const I420View planes = frame.view();
    image.y.copyTo(planes.y);
    image.u.copyTo(planes.u);
    image.v.copyTo(planes.v);
  }
  GST_BUFFER_PTS(buffer.get()) = 0;
  GST_BUFFER_DURATION(buffer.get()) = GST_SECOND;
  return buffer;
}

void configure_title_overlay(GstElement* overlay, const std::string& title, int width) {
  g_object_set(overlay, "text", title.c_str(), "font-desc", title_font(width).c_str(), "auto-resize", FALSE,
               "shaded-background", TRUE, "draw-outline", TRUE, "draw-shadow", TRUE, "color", 0xFFFFFFFFu,
               "outline-color", 0xFF000000u, "xpad", std::max(4, width / 14), nullptr);
  gst_util_set_object_arg(G_OBJECT(overlay), "valignment", "center");
  gst_util_set_object_arg(G_OBJECT(overlay), "halignment", "center");
  gst_util_set_object_arg(G_OBJECT(overlay), "line-alignment", "center");
  gst_util_set_object_arg(G_OBJECT(overlay), "wrap-mode", "word-char");
}

std::string bus_error(GstElement* pipeline) {
  gst::BusPtr bus(gst_element_get_bus(pipeline));
  gst::MessagePtr message(gst_bus_pop_filtered(bus.get(), GST_MESSAGE_ERROR));
  if (!message) return "no frame came out";
  GError* error = nullptr;
  gst_message_parse_error(message.get(), &error, nullptr);
  std::string text = error ? error->message : "unknown error";
  g_clear_error(&error);
  return text;
}

}  // namespace

std::string title_font(int width) {
  return "DejaVu Sans Bold " + std::to_string(std::max(8L, std::lround(width * 0.09))) + "px";
}

I420Image draw_title(const I420Image& frame, const std::string& title) {
  if (title.empty()) return frame;
  const GstVideoInfo info = i420_info(frame.size());
  gst::ElementPtr pipeline = gst::adopt_floating(gst_pipeline_new("thumbnail-title"));
  gst::ElementPtr source = make_element("appsrc", "frame");
  gst::ElementPtr overlay = make_element("textoverlay", "title");
  gst::ElementPtr sink = make_element("appsink", "titled");
  add_elements(pipeline.get(), {source.get(), overlay.get(), sink.get()});
  gst::CapsPtr caps(gst_video_info_to_caps(&info));
  gst_caps_set_simple(caps.get(), "framerate", GST_TYPE_FRACTION, 1, 1, nullptr);
  g_object_set(source.get(), "caps", caps.get(), "format", GST_FORMAT_TIME, nullptr);
  g_object_set(sink.get(), "caps", caps.get(), "sync", FALSE, nullptr);
  configure_title_overlay(overlay.get(), title, frame.size().width);
  link_pads(source.get(), "src", overlay.get(), "video_sink");
  link_chain({overlay.get(), sink.get()});

  PipelineStopper stopper(pipeline.get());
  if (gst_element_set_state(pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    throw std::runtime_error("thumbnail title: the overlay did not start: " + bus_error(pipeline.get()));
  gst_app_src_push_buffer(GST_APP_SRC(source.get()), buffer_of(frame, info).release());
  gst_app_src_end_of_stream(GST_APP_SRC(source.get()));
  gst::SamplePtr sample(gst_app_sink_try_pull_sample(GST_APP_SINK(sink.get()), kPullTimeout));
  if (!sample) throw std::runtime_error("thumbnail title: " + bus_error(pipeline.get()));

  I420Image titled;
  MappedVideoFrame out(info, gst_sample_get_buffer(sample.get()), GST_MAP_READ);
  const I420View planes = out.view();
  planes.y.copyTo(titled.y);
  planes.u.copyTo(titled.u);
  planes.v.copyTo(titled.v);
  return titled;
}

}  // namespace reelflow::compositor
