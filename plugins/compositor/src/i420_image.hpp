#pragma once
// A picture in I420 (planar 4:2:0, BT.709 limited range), the format the encoder
// takes: a full-size Y plane and half-size U and V planes. I420View points at planes
// owned elsewhere (a mapped GstBuffer); I420Image owns its planes.
#include <opencv2/core.hpp>

namespace reelflow::compositor {

struct I420View {
  cv::Mat y;
  cv::Mat u;
  cv::Mat v;
  cv::Size size() const { return y.size(); }
};

struct I420Image {
  cv::Mat y;
  cv::Mat u;
  cv::Mat v;

  I420Image() = default;
  explicit I420Image(cv::Size size);
  cv::Size size() const { return y.size(); }
  I420View view() const { return I420View{y, u, v}; }

  // BT.709 limited range, chroma averaged over each 2x2 block. `bgr` is CV_8UC3 with even size.
  static I420Image from_bgr(const cv::Mat& bgr);
  // The inverse, chroma upsampled bilinearly; for tests and previews.
  cv::Mat to_bgr() const;
};

}  // namespace reelflow::compositor
