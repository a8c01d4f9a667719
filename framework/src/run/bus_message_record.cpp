#include "run/bus_message_record.hpp"

#include <reelflow/gst_ptr.hpp>

namespace reelflow::framework {
namespace {

// An error's, warning's or info's message, then its debug text when it has one.
std::string parsed_text(GstMessage* message,
                        void (*parse)(GstMessage*, GError**, gchar**)) {
  GError* raw_error = nullptr;
  gchar* raw_debug = nullptr;
  parse(message, &raw_error, &raw_debug);
  gst::ErrorPtr error(raw_error);
  gst::CharPtr debug(raw_debug);
  std::string text = error ? error->message : "";
  if (debug) text += (text.empty() ? "" : "\n") + std::string(debug.get());
  return text;
}

}  // namespace

BusMessage bus_message_record(GstMessage* message) {
  BusMessage record;
  record.type = GST_MESSAGE_TYPE_NAME(message);
  if (GstObject* source = GST_MESSAGE_SRC(message); source && GST_OBJECT_NAME(source))
    record.source = GST_OBJECT_NAME(source);
  switch (GST_MESSAGE_TYPE(message)) {
    case GST_MESSAGE_ERROR: record.text = parsed_text(message, gst_message_parse_error); break;
    case GST_MESSAGE_WARNING: record.text = parsed_text(message, gst_message_parse_warning); break;
    case GST_MESSAGE_INFO: record.text = parsed_text(message, gst_message_parse_info); break;
    default: break;
  }
  if (const GstStructure* structure = gst_message_get_structure(message)) {
    gst::CharPtr text(gst_structure_to_string(structure));
    if (text) record.structure = text.get();
  }
  return record;
}

}  // namespace reelflow::framework
