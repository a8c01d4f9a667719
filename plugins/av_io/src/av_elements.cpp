#include "av_elements.hpp"

#include <reelflow/gst_ptr.hpp>

#include <stdexcept>

namespace reelflow::av_io {

GstElement* add_element(GstElement* bin, const char* factory, const char* name) {
  GstElement* element = gst_element_factory_make(factory, name);
  if (!element) throw std::runtime_error(std::string("the GStreamer element '") + factory + "' is not installed");
  gst_bin_add(GST_BIN(bin), element);
  return element;
}

void link_chain(std::initializer_list<GstElement*> elements) {
  GstElement* previous = nullptr;
  for (GstElement* e : elements) {
    if (previous && !gst_element_link(previous, e))
      throw std::runtime_error(std::string("cannot link ") + GST_ELEMENT_NAME(previous) + " to " + GST_ELEMENT_NAME(e));
    previous = e;
  }
}

void add_ghost(GstElement* bin, GstElement* element, const char* pad_name, const char* port) {
  gst::PadPtr pad(gst_element_get_static_pad(element, pad_name));
  if (!pad) throw std::runtime_error(std::string("element ") + GST_ELEMENT_NAME(element) + " has no pad " + pad_name);
  gst_element_add_pad(bin, gst_ghost_pad_new(port, pad.get()));
}

void set_caps(GstElement* capsfilter, const std::string& caps) {
  gst::CapsPtr parsed(gst_caps_from_string(caps.c_str()));
  if (!parsed) throw std::runtime_error("invalid caps " + caps);
  g_object_set(capsfilter, "caps", parsed.get(), nullptr);
}

void drain_pad(GstElement* bin, GstPad* pad) {
  GstElement* sink = gst_element_factory_make("fakesink", nullptr);
  g_object_set(sink, "sync", FALSE, "async", FALSE, nullptr);
  gst_bin_add(GST_BIN(bin), sink);
  gst::PadPtr sink_pad(gst_element_get_static_pad(sink, "sink"));
  gst_pad_link(pad, sink_pad.get());
  gst_element_sync_state_with_parent(sink);
}

void post_error(GstElement* element, const std::string& message) {
  GError* error = g_error_new_literal(GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_FAILED, message.c_str());
  gst_element_post_message(element, gst_message_new_error(GST_OBJECT(element), error, nullptr));
  g_error_free(error);
}

}  // namespace reelflow::av_io
