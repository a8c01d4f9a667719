#include "gst_elements.hpp"

#include <stdexcept>
#include <string_view>

namespace reelflow::compositor {
namespace {

std::string_view package_of(std::string_view factory) {
  if (factory == "x264enc") return "gstreamer1.0-plugins-ugly";
  if (factory == "avenc_aac") return "gstreamer1.0-libav";
  if (factory == "textoverlay") return "gstreamer1.0-x";
  if (factory == "mp4mux" || factory == "qtmux") return "gstreamer1.0-plugins-good";
  return "gstreamer1.0-plugins-base";
}

}  // namespace

gst::ElementPtr make_element(const char* factory, const std::string& name) {
  GstElement* element = gst_element_factory_make(factory, name.empty() ? nullptr : name.c_str());
  if (!element)
    throw std::runtime_error("GStreamer element '" + std::string(factory) + "' is not available (install " +
                             std::string(package_of(factory)) + ")");
  return gst::adopt_floating(element);
}

void add_elements(GstElement* bin, std::initializer_list<GstElement*> elements) {
  // Our ElementPtrs hold non-floating refs, so gst_bin_add takes a reference of its own.
  for (GstElement* element : elements) gst_bin_add(GST_BIN(bin), element);
}

void link_chain(std::initializer_list<GstElement*> chain) {
  GstElement* previous = nullptr;
  for (GstElement* element : chain) {
    if (previous && !gst_element_link(previous, element)) {
      gst::CharPtr a(gst_element_get_name(previous)), b(gst_element_get_name(element));
      throw std::runtime_error("cannot link GStreamer elements " + gst::to_string(a) + " -> " + gst::to_string(b));
    }
    previous = element;
  }
}

void link_pads(GstElement* source, const char* source_pad, GstElement* sink, const char* sink_pad) {
  if (!gst_element_link_pads(source, source_pad, sink, sink_pad)) {
    gst::CharPtr a(gst_element_get_name(source)), b(gst_element_get_name(sink));
    throw std::runtime_error("cannot link GStreamer pads " + gst::to_string(a) + "." + source_pad + " -> " +
                             gst::to_string(b) + "." + sink_pad);
  }
}

void post_error(GstElement* element, const std::string& message) {
  gst::ErrorPtr error(g_error_new_literal(GST_CORE_ERROR, GST_CORE_ERROR_FAILED, message.c_str()));
  gst_element_post_message(element, gst_message_new_error(GST_OBJECT(element), error.get(), message.c_str()));
}

void throw_if_bus_error(GstBus* bus, const std::string& what) {
  gst::MessagePtr message(gst_bus_pop_filtered(bus, GST_MESSAGE_ERROR));
  if (!message) return;
  GError* raw_error = nullptr;
  gchar* raw_debug = nullptr;
  gst_message_parse_error(message.get(), &raw_error, &raw_debug);
  gst::ErrorPtr error(raw_error);
  gst::CharPtr debug(raw_debug);
  throw std::runtime_error(what + ": " + (error ? error->message : "unknown error"));
}

}  // namespace reelflow::compositor
