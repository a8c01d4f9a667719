#include "caption_driver.hpp"

#include <stdexcept>

namespace reelflow::compositor {

CaptionDriver::CaptionDriver(const CaptionTrack& track, GstElement* overlay)
    : track_(track), overlay_(overlay), pad_(gst_element_get_static_pad(overlay, "video_sink")) {
  if (!pad_) throw std::runtime_error("textoverlay has no video_sink pad");
  g_object_set(overlay_, "text", "", nullptr);
  probe_id_ = gst_pad_add_probe(pad_.get(), GST_PAD_PROBE_TYPE_BUFFER, &CaptionDriver::on_buffer, this, nullptr);
}

CaptionDriver::~CaptionDriver() { gst_pad_remove_probe(pad_.get(), probe_id_); }

GstPadProbeReturn CaptionDriver::on_buffer(GstPad*, GstPadProbeInfo* info, gpointer self) {
  auto* driver = static_cast<CaptionDriver*>(self);
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  if (!buffer || !GST_BUFFER_PTS_IS_VALID(buffer)) return GST_PAD_PROBE_OK;
  const double t = static_cast<double>(GST_BUFFER_PTS(buffer)) / GST_SECOND;
  const std::string& markup = driver->track_.markup_at(t);
  // Cue strings live in the track, so pointer identity means "same cue".
  if (&markup != driver->shown_) {
    if (!driver->shown_ || markup != *driver->shown_) g_object_set(driver->overlay_, "text", markup.c_str(), nullptr);
    driver->shown_ = &markup;
  }
  return GST_PAD_PROBE_OK;
}

}  // namespace reelflow::compositor
