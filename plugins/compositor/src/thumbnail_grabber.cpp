#include "thumbnail_grabber.hpp"

#include "mapped_video_frame.hpp"
#include "title_card.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <stdexcept>

namespace reelflow::compositor {

ThumbnailGrabber::ThumbnailGrabber(GstPad* pad, const GstVideoInfo& info, std::vector<double> times_s)
    : info_(info), pad_(GST_PAD(gst_object_ref(pad))) {
  std::sort(times_s.begin(), times_s.end());
  for (double t : times_s) times_.push_back(static_cast<GstClockTime>(std::max(0.0, t) * GST_SECOND));
  if (times_.empty()) throw std::invalid_argument("thumbnail: no candidate time");
  probe_id_ = gst_pad_add_probe(pad_.get(), GST_PAD_PROBE_TYPE_BUFFER, &ThumbnailGrabber::on_buffer, this, nullptr);
}

ThumbnailGrabber::~ThumbnailGrabber() { gst_pad_remove_probe(pad_.get(), probe_id_); }

GstPadProbeReturn ThumbnailGrabber::on_buffer(GstPad*, GstPadProbeInfo* info, gpointer self) {
  auto* grabber = static_cast<ThumbnailGrabber*>(self);
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  if (!buffer || !GST_BUFFER_PTS_IS_VALID(buffer)) return GST_PAD_PROBE_OK;
  std::lock_guard lock(grabber->mutex_);
  const std::size_t next = grabber->frames_.size();
  // A reference, not a copy: a writer downstream (the captions) copies a buffer it shares.
  if (next < grabber->times_.size() && GST_BUFFER_PTS(buffer) >= grabber->times_[next])
    grabber->frames_.emplace_back(gst_buffer_ref(buffer));
  return GST_PAD_PROBE_OK;
}

bool ThumbnailGrabber::has_frame() const {
  std::lock_guard lock(mutex_);
  return !frames_.empty();
}

void ThumbnailGrabber::write(const std::filesystem::path& file, const std::string& title) const {
  std::lock_guard lock(mutex_);
  if (frames_.empty()) throw std::runtime_error("thumbnail: no frame was rendered");
  I420Image best;
  double best_score = -1.0;
  for (const auto& buffer : frames_) {
    MappedVideoFrame frame(info_, buffer.get(), GST_MAP_READ);
    const I420View planes = frame.view();
    const double score = detail_score(planes.y);
    if (score <= best_score) continue;
    best_score = score;
    planes.y.copyTo(best.y);
    planes.u.copyTo(best.u);
    planes.v.copyTo(best.v);
  }
  if (!cv::imwrite(file.string(), draw_title(best, title).to_bgr(), {cv::IMWRITE_JPEG_QUALITY, 92}))
    throw std::runtime_error("thumbnail: cannot write '" + file.string() + "'");
}

double detail_score(const cv::Mat& luma) {
  cv::Mat edges;
  cv::Laplacian(luma, edges, CV_32F);
  cv::Scalar mean, deviation;
  cv::meanStdDev(edges, mean, deviation);
  return deviation[0] * deviation[0];
}

}  // namespace reelflow::compositor
