#pragma once
// Small helpers every av_io stage uses to fill its bin: typed element creation
// (never launch text built from params), linking that fails loudly, ghost pads
// named after ports, and errors posted from an element so the runtime names the stage.
#include <gst/gst.h>

#include <initializer_list>
#include <string>

namespace reelflow::av_io {

// Makes `factory` and adds it to `bin`; throws when the element is not installed.
GstElement* add_element(GstElement* bin, const char* factory, const char* name);
// Links each element to the next; throws naming the pair that did not link.
void link_chain(std::initializer_list<GstElement*> elements);
// A ghost pad on `bin` called `port` for `element`'s static pad `pad_name`.
void add_ghost(GstElement* bin, GstElement* element, const char* pad_name, const char* port);
// A capsfilter with `caps` (parsed: they are built from validated numbers).
void set_caps(GstElement* capsfilter, const std::string& caps);
// Links a decoder's pad we do not use to a fakesink in `bin`, so it never fails with not-linked.
void drain_pad(GstElement* bin, GstPad* pad);
// Posts an error message from `element` (thread-safe): the segment fails with `message`.
void post_error(GstElement* element, const std::string& message);

}  // namespace reelflow::av_io
