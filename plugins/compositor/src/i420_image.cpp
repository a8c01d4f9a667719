#include "i420_image.hpp"

#include <opencv2/imgproc.hpp>

#include <stdexcept>

namespace reelflow::compositor {
namespace {

// Rows: Y, Cb, Cr; columns: B, G, R, offset (inputs 0..255). BT.709, 16..235 / 16..240.
const cv::Matx34f kBgrToYcc(
    0.0722f * 219 / 255, 0.7152f * 219 / 255, 0.2126f * 219 / 255, 16.0f,
    0.5f * 224 / 255, -0.3854280f * 224 / 255, -0.1145720f * 224 / 255, 128.0f,
    -0.0458470f * 224 / 255, -0.4541530f * 224 / 255, 0.5f * 224 / 255, 128.0f);

}  // namespace

I420Image::I420Image(cv::Size size)
    : y(size, CV_8UC1), u(size / 2, CV_8UC1), v(size / 2, CV_8UC1) {}

I420Image I420Image::from_bgr(const cv::Mat& bgr) {
  if (bgr.type() != CV_8UC3 || bgr.cols % 2 != 0 || bgr.rows % 2 != 0)
    throw std::invalid_argument("I420Image::from_bgr needs an even-sized 8-bit BGR image");
  cv::Mat ycc;
  cv::transform(bgr, ycc, kBgrToYcc);
  cv::Mat planes[3];
  cv::split(ycc, planes);
  I420Image out;
  out.y = planes[0];
  cv::resize(planes[1], out.u, bgr.size() / 2, 0, 0, cv::INTER_AREA);
  cv::resize(planes[2], out.v, bgr.size() / 2, 0, 0, cv::INTER_AREA);
  return out;
}

cv::Mat I420Image::to_bgr() const {
  cv::Mat u_full, v_full, ycc;
  cv::resize(u, u_full, y.size(), 0, 0, cv::INTER_LINEAR);
  cv::resize(v, v_full, y.size(), 0, 0, cv::INTER_LINEAR);
  cv::merge(std::vector<cv::Mat>{y, u_full, v_full}, ycc);
  // Inverse of kBgrToYcc: undo offsets, then the matrix.
  const float ys = 255.0f / 219, cs = 255.0f / 224;
  const cv::Matx34f to_bgr(ys, 1.8556f * cs, 0.0f, -16 * ys - 128 * 1.8556f * cs,
                           ys, -0.1873243f * cs, -0.4681243f * cs, -16 * ys + 128 * (0.1873243f + 0.4681243f) * cs,
                           ys, 0.0f, 1.5748f * cs, -16 * ys - 128 * 1.5748f * cs);
  cv::Mat bgr;
  cv::transform(ycc, bgr, to_bgr);
  return bgr;
}

}  // namespace reelflow::compositor
