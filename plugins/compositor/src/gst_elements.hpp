#pragma once
// Small GStreamer helpers shared by the pipelines: element creation that names a
// missing plugin, and a guard that always brings a pipeline back to NULL.
#include <reelflow/gst_ptr.hpp>

#include <string>

namespace reelflow::compositor {

// Creates an element; throws std::runtime_error naming the factory (and the Debian
// package that provides it) when it is not installed.
gst::ElementPtr make_element(const char* factory, const std::string& name = {});

// Adds elements to a bin, which takes a reference of its own.
void add_elements(GstElement* bin, std::initializer_list<GstElement*> elements);

// Links a chain of elements (already in one bin); throws naming the first pair that
// does not link.
void link_chain(std::initializer_list<GstElement*> chain);

// Links two named pads of elements already in the same bin; throws when they do not link.
void link_pads(GstElement* source, const char* source_pad, GstElement* sink, const char* sink_pad);

// Sets the pipeline to NULL when leaving scope, whatever happened, so files are
// closed before the caller commits or removes them.
class PipelineStopper {
 public:
  explicit PipelineStopper(GstElement* pipeline) : pipeline_(pipeline) {}
  ~PipelineStopper() { gst_element_set_state(pipeline_, GST_STATE_NULL); }
  PipelineStopper(const PipelineStopper&) = delete;
  PipelineStopper& operator=(const PipelineStopper&) = delete;

 private:
  GstElement* pipeline_;
};

// Throws std::runtime_error("<what>: <message>") when `bus` holds an error message.
void throw_if_bus_error(GstBus* bus, const std::string& what);

// Posts an error on the element's bus, which makes run_pipeline stop and report it.
void post_error(GstElement* element, const std::string& message);

}  // namespace reelflow::compositor
