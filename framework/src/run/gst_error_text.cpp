#include "run/gst_error_text.hpp"

#include <reelflow/gst_ptr.hpp>

#include <algorithm>

namespace reelflow::framework {

std::string gst_error_text(GstMessage* message) {
  GError* raw_error = nullptr;
  gchar* raw_debug = nullptr;
  gst_message_parse_error(message, &raw_error, &raw_debug);
  gst::ErrorPtr error(raw_error);
  gst::CharPtr debug(raw_debug);
  const char* element = GST_MESSAGE_SRC(message) ? GST_OBJECT_NAME(GST_MESSAGE_SRC(message)) : nullptr;
  std::string text = std::string("element '") + (element ? element : "?") + "': " + (error ? error->message : "unknown error");
  if (debug) {
    std::string d = debug.get();
    std::replace(d.begin(), d.end(), '\n', ' ');
    text += " (" + d + ")";
  }
  return text;
}

}  // namespace reelflow::framework
