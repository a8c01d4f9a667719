#pragma once
// Fills a stream stage's bin: elements by factory name, linked in a chain, and
// the ghost pads named after the stage's ports. The first failure is kept and
// everything after it is skipped, so build() checks one Status at the end.
#include <reelflow/gst_ptr.hpp>
#include <reelflow/status.hpp>

#include <gst/gst.h>

#include <initializer_list>
#include <string>

namespace reelflow::stream {

class BinBuilder {
 public:
  explicit BinBuilder(GstElement* bin) : bin_(bin) {}

  // The element, added to the bin; nullptr (and the error kept) when its factory is not installed.
  GstElement* add(const char* factory, const char* name) {
    if (!error_.empty()) return nullptr;
    GstElement* element = gst_element_factory_make(factory, name);
    if (!element) {
      error_ = std::string("the GStreamer element '") + factory + "' is not installed";
      return nullptr;
    }
    gst_bin_add(GST_BIN(bin_), element);
    return element;
  }
  // Adopts an element made elsewhere (e.g. a probed hardware encoder).
  GstElement* adopt(GstElement* element) {
    if (error_.empty() && element) gst_bin_add(GST_BIN(bin_), element);
    return element;
  }

  // Links each element to the next.
  void chain(std::initializer_list<GstElement*> elements) {
    GstElement* previous = nullptr;
    for (GstElement* e : elements) {
      if (!error_.empty()) return;
      if (previous && !gst_element_link(previous, e))
        error_ = std::string("cannot link '") + GST_ELEMENT_NAME(previous) + "' to '" + GST_ELEMENT_NAME(e) + "'";
      previous = e;
    }
  }

  // A ghost pad `port` on the bin for `element`'s static pad `pad`.
  void ghost(GstElement* element, const char* pad, const char* port) {
    if (!error_.empty()) return;
    gst::PadPtr target(gst_element_get_static_pad(element, pad));
    if (!target) {
      error_ = std::string("'") + GST_ELEMENT_NAME(element) + "' has no pad '" + pad + "'";
      return;
    }
    gst_element_add_pad(bin_, gst_ghost_pad_new(port, target.get()));
  }

  // A capsfilter holding `caps` (a constant or text made from validated params).
  GstElement* capsfilter(const char* name, const std::string& caps) {
    GstElement* filter = add("capsfilter", name);
    if (!filter) return nullptr;
    gst::CapsPtr parsed(gst_caps_from_string(caps.c_str()));
    if (!parsed) {
      error_ = "bad caps '" + caps + "'";
      return nullptr;
    }
    g_object_set(filter, "caps", parsed.get(), nullptr);
    return filter;
  }

  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  bool ok() const { return error_.empty(); }
  Status status() const { return error_.empty() ? Status::ok() : Status::error(error_); }

 private:
  GstElement* bin_;
  std::string error_;
};

}  // namespace reelflow::stream
