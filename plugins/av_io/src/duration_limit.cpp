#include "duration_limit.hpp"

namespace reelflow::av_io {

DurationLimit::DurationLimit(GstPad* pad, double limit_s) : limit_(static_cast<GstClockTime>(limit_s * GST_SECOND)) {
  gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER, &DurationLimit::on_buffer, this, nullptr);
}

GstPadProbeReturn DurationLimit::on_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer self_ptr) {
  auto* self = static_cast<DurationLimit*>(self_ptr);
  if (self->ended_) return GST_PAD_PROBE_DROP;
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  if (!GST_BUFFER_PTS_IS_VALID(buffer)) return GST_PAD_PROBE_OK;
  const GstClockTime pts = GST_BUFFER_PTS(buffer);
  if (!GST_CLOCK_TIME_IS_VALID(self->first_)) self->first_ = pts;
  if (pts < self->first_ + self->limit_) return GST_PAD_PROBE_OK;
  self->ended_ = true;
  // Same thread, same pad: the stream lock is recursive, so EOS follows the last buffer in order.
  gst_pad_push_event(pad, gst_event_new_eos());
  return GST_PAD_PROBE_DROP;
}

}  // namespace reelflow::av_io
