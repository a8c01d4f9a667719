#include "view_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

constexpr int kOne = 1 << ViewSampler::kWeightBits;

// row = a * (1 - w) + b * w, in 1/256: at most 255 * 256, which fits 16 bits.
void blend_rows(const std::uint8_t* a, const std::uint8_t* b, std::uint16_t w, int n, std::uint16_t* row) {
  const auto near = static_cast<std::uint16_t>(kOne - w);
  for (int i = 0; i < n; ++i)
    row[i] = static_cast<std::uint16_t>(a[i] * near + b[i] * w);
}

}  // namespace

void ViewSampler::taps(double origin, double step, int count, int length, std::vector<Tap>& out) {
  out.resize(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const double at = origin + (i + 0.5) * step - 0.5;
    Tap tap{0, 0};
    if (at >= length - 1) {
      tap = {std::max(0, length - 2), static_cast<std::uint16_t>(length > 1 ? kOne : 0)};
    } else if (at > 0) {
      const double whole = std::floor(at);
      tap.index = static_cast<int>(whole);
      tap.far = static_cast<std::uint16_t>(std::lround((at - whole) * kOne));
      if (tap.far == kOne && tap.index + 2 < length) tap = {tap.index + 1, 0};
    }
    out[static_cast<std::size_t>(i)] = tap;
  }
}

void ViewSampler::draw(const cv::Mat& source, const ViewRect& view, cv::Mat& out) {
  if (source.type() != CV_8UC1 || out.type() != CV_8UC1 || source.empty() || out.empty())
    throw std::invalid_argument("ViewSampler draws 8-bit single-channel planes");
  taps(view.x, view.width / out.cols, out.cols, source.cols, columns_);
  taps(view.y, view.height / out.rows, out.rows, source.rows, rows_);

  // Only the source columns some tap reads are blended; one more column keeps the
  // right-hand neighbour in bounds for a one-pixel-wide plane.
  const int first = columns_.front().index;
  const int last = std::min(source.cols - 1, columns_.back().index + 1);
  const int span = last - first + 1;
  blended_row_.resize(static_cast<std::size_t>(span) + 1);
  std::uint16_t* row = blended_row_.data();

  for (int y = 0; y < out.rows; ++y) {
    const Tap& r = rows_[static_cast<std::size_t>(y)];
    const int below = std::min(r.index + 1, source.rows - 1);
    blend_rows(source.ptr<std::uint8_t>(r.index) + first, source.ptr<std::uint8_t>(below) + first, r.far, span,
               row);
    row[span] = row[span - 1];
    std::uint8_t* o = out.ptr<std::uint8_t>(y);
    for (int x = 0; x < out.cols; ++x) {
      const Tap& c = columns_[static_cast<std::size_t>(x)];
      const std::uint16_t* p = row + (c.index - first);
      const std::uint32_t v = p[0] * static_cast<std::uint32_t>(kOne - c.far) + p[1] * static_cast<std::uint32_t>(c.far);
      o[x] = static_cast<std::uint8_t>((v + (1u << (2 * kWeightBits - 1))) >> (2 * kWeightBits));
    }
  }
}

}  // namespace reelflow::compositor
