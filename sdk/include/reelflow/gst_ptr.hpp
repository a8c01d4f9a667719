#pragma once
// RAII owners for GStreamer and GLib objects, so no code path unrefs by hand.
#include <glib.h>
#include <gst/gst.h>

#include <memory>
#include <string>

namespace reelflow::gst {

struct ObjectUnref {
  void operator()(gpointer p) const { if (p) gst_object_unref(p); }
};
struct CapsUnref {
  void operator()(GstCaps* p) const { if (p) gst_caps_unref(p); }
};
struct MessageUnref {
  void operator()(GstMessage* p) const { if (p) gst_message_unref(p); }
};
struct BufferUnref {
  void operator()(GstBuffer* p) const { if (p) gst_buffer_unref(p); }
};
struct SampleUnref {
  void operator()(GstSample* p) const { if (p) gst_sample_unref(p); }
};
struct ErrorFree {
  void operator()(GError* p) const { if (p) g_error_free(p); }
};
struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
struct ParseContextFree {
  void operator()(GstParseContext* p) const { if (p) gst_parse_context_free(p); }
};
struct IteratorFree {
  void operator()(GstIterator* p) const { if (p) gst_iterator_free(p); }
};

template <class T> using ObjectPtr = std::unique_ptr<T, ObjectUnref>;
using ElementPtr = ObjectPtr<GstElement>;
using BusPtr = ObjectPtr<GstBus>;
using PadPtr = ObjectPtr<GstPad>;
using CapsPtr = std::unique_ptr<GstCaps, CapsUnref>;
using MessagePtr = std::unique_ptr<GstMessage, MessageUnref>;
using BufferPtr = std::unique_ptr<GstBuffer, BufferUnref>;
using SamplePtr = std::unique_ptr<GstSample, SampleUnref>;
using ErrorPtr = std::unique_ptr<GError, ErrorFree>;
using CharPtr = std::unique_ptr<gchar, GFree>;
using IteratorPtr = std::unique_ptr<GstIterator, IteratorFree>;
using ParseContextPtr = std::unique_ptr<GstParseContext, ParseContextFree>;

// Takes a floating reference (fresh elements) so the pointer owns a real one.
template <class T> ObjectPtr<T> adopt_floating(T* object) {
  if (object) gst_object_ref_sink(object);
  return ObjectPtr<T>(object);
}

inline std::string to_string(const CharPtr& s) { return s ? std::string(s.get()) : std::string(); }

}  // namespace reelflow::gst
