#include "thumbnail_grabber.hpp"

#include "mapped_video_frame.hpp"

#include <opencv2/imgcodecs.hpp>

#include <stdexcept>

namespace reelflow::compositor {

ThumbnailGrabber::ThumbnailGrabber(GstElement* element, const GstVideoInfo& info, double time_s)
    : info_(info),
      time_(static_cast<GstClockTime>(std::max(0.0, time_s) * GST_SECOND)),
      pad_(gst_element_get_static_pad(element, "sink")) {
  if (!pad_) throw std::runtime_error("thumbnail: element has no sink pad");
  probe_id_ = gst_pad_add_probe(pad_.get(), GST_PAD_PROBE_TYPE_BUFFER, &ThumbnailGrabber::on_buffer, this, nullptr);
}

ThumbnailGrabber::~ThumbnailGrabber() { gst_pad_remove_probe(pad_.get(), probe_id_); }

GstPadProbeReturn ThumbnailGrabber::on_buffer(GstPad*, GstPadProbeInfo* info, gpointer self) {
  auto* grabber = static_cast<ThumbnailGrabber*>(self);
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  if (!buffer || !GST_BUFFER_PTS_IS_VALID(buffer) || GST_BUFFER_PTS(buffer) < grabber->time_) return GST_PAD_PROBE_OK;
  std::lock_guard lock(grabber->mutex_);
  // A reference, not a copy: nothing downstream writes into encoder input.
  if (!grabber->frame_) grabber->frame_.reset(gst_buffer_ref(buffer));
  return GST_PAD_PROBE_OK;
}

bool ThumbnailGrabber::has_frame() const {
  std::lock_guard lock(mutex_);
  return frame_ != nullptr;
}

void ThumbnailGrabber::write(const std::filesystem::path& file) const {
  std::lock_guard lock(mutex_);
  if (!frame_) throw std::runtime_error("thumbnail: no frame was rendered");
  I420Image image;
  {
    MappedVideoFrame frame(info_, frame_.get(), GST_MAP_READ);
    const I420View planes = frame.view();
    planes.y.copyTo(image.y);
    planes.u.copyTo(image.u);
    planes.v.copyTo(image.v);
  }
  if (!cv::imwrite(file.string(), image.to_bgr(), {cv::IMWRITE_JPEG_QUALITY, 92}))
    throw std::runtime_error("thumbnail: cannot write '" + file.string() + "'");
}

}  // namespace reelflow::compositor
