#include "overlay_planes.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

// dst = (dst * (255 - a) + src * a) / 255, rounded: with t = x + 128, (t + (t >> 8)) >> 8
// is round(x / 255) for every x up to 255 * 255, and all of it fits in 16 bits, so the
// loop vectorises 16 pixels to a 128-bit register.
void blend_row(std::uint8_t* __restrict dst, const std::uint8_t* __restrict src, const std::uint8_t* __restrict alpha,
               int n) {
  for (int i = 0; i < n; ++i) {
    const auto a = static_cast<std::uint16_t>(alpha[i]);
    const auto t = static_cast<std::uint16_t>(dst[i] * (255 - a) + src[i] * a + 128);
    dst[i] = static_cast<std::uint8_t>((t + (t >> 8)) >> 8);
  }
}

int scaled_alpha(int a, int scale) { return (a * scale + 128) >> 8; }

// BT.709 (R, G, B weights), as I420Image::from_bgr converts pictures.
constexpr double kLuma[3] = {0.2126, 0.7152, 0.0722};
constexpr double kCb[3] = {-0.1145720, -0.3854280, 0.5};
constexpr double kCr[3] = {0.5, -0.4541530, -0.0458470};

std::uint8_t to_byte(double v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 255.0))); }

const std::uint8_t* pixel_at(const OverlayPlanes::Pixels& pixels, int x, int y) {
  return pixels.data + static_cast<std::size_t>(y) * static_cast<std::size_t>(pixels.stride) +
         static_cast<std::size_t>(x) * 4;
}

}  // namespace

void OverlayPlanes::Plane::resize(int x, int y, int w, int h, int colours) {
  x0 = x;
  y0 = y;
  width = std::max(0, w);
  rows = std::max(0, h);
  const auto n = static_cast<std::size_t>(width) * static_cast<std::size_t>(rows);
  alpha.assign(n, 0);
  for (int c = 0; c < colours; ++c) colour[c].assign(n, 0);
}

void OverlayPlanes::Plane::find_spans() {
  spans.assign(static_cast<std::size_t>(rows), Span{});
  for (int r = 0; r < rows; ++r) {
    const std::uint8_t* a = alpha.data() + static_cast<std::size_t>(r) * static_cast<std::size_t>(width);
    int begin = 0, end = width;
    while (begin < end && a[begin] == 0) ++begin;
    while (end > begin && a[end - 1] == 0) --end;
    spans[static_cast<std::size_t>(r)] = {begin, end};
  }
}

OverlayPlanes::OverlayPlanes(const Pixels& pixels, int x, int y, cv::Size frame, double global_alpha) : frame_(frame) {
  if (!pixels.data || pixels.width <= 0 || pixels.height <= 0 || pixels.stride < 4 * pixels.width)
    throw std::invalid_argument("OverlayPlanes: no overlay pixels");
  const int alpha_scale = static_cast<int>(std::lround(std::clamp(global_alpha, 0.0, 1.0) * 256.0));
  // The part of the overlay inside the frame, in frame coordinates.
  const cv::Rect visible = cv::Rect(x, y, pixels.width, pixels.height) & cv::Rect(cv::Point(0, 0), frame);
  prepare_luma(pixels, x, y, visible, alpha_scale);
  prepare_chroma(pixels, x, y, visible, alpha_scale);
}

void OverlayPlanes::prepare_luma(const Pixels& pixels, int x, int y, const cv::Rect& visible, int alpha_scale) {
  const int x0 = visible.x, y0 = visible.y;
  luma_.resize(x0, y0, visible.width, visible.height, 1);
  for (int r = 0; r < luma_.rows; ++r) {
    const std::uint8_t* p = pixel_at(pixels, x0 - x, y0 + r - y);
    const std::size_t row = static_cast<std::size_t>(r) * static_cast<std::size_t>(luma_.width);
    for (int c = 0; c < luma_.width; ++c, p += 4) {
      const int a = p[pixels.a];
      if (a == 0) continue;
      // Premultiplied: the straight colour is the premultiplied one over alpha.
      const double luma = kLuma[0] * p[pixels.r] + kLuma[1] * p[pixels.g] + kLuma[2] * p[pixels.b];
      luma_.alpha[row + static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(scaled_alpha(a, alpha_scale));
      luma_.colour[0][row + static_cast<std::size_t>(c)] = to_byte(16.0 + 219.0 * luma / a);
    }
  }
  luma_.find_spans();
}

void OverlayPlanes::prepare_chroma(const Pixels& pixels, int x, int y, const cv::Rect& visible, int alpha_scale) {
  // The chroma cells the overlay's visible pixels fall in; cell (cx, cy) is the frame's
  // luma pixels 2cx..2cx+1 by 2cy..2cy+1.
  const int x0 = visible.x, x1 = visible.x + visible.width, y0 = visible.y, y1 = visible.y + visible.height;
  if (visible.empty()) {
    chroma_.resize(0, 0, 0, 0, 2);
    chroma_.find_spans();
    return;
  }
  const int cx0 = x0 / 2, cx1 = (x1 + 1) / 2, cy0 = y0 / 2, cy1 = (y1 + 1) / 2;
  chroma_.resize(cx0, cy0, cx1 - cx0, cy1 - cy0, 2);
  for (int cy = cy0; cy < cy1; ++cy) {
    for (int cx = cx0; cx < cx1; ++cx) {
      // Premultiplied sums are already weighted by alpha: their ratio to the alpha sum
      // is the covered pixels' mean colour.
      int in_frame = 0, scaled_sum = 0, alpha_sum = 0, r_sum = 0, g_sum = 0, b_sum = 0;
      for (int ly = 2 * cy; ly < 2 * cy + 2 && ly < frame_.height; ++ly) {
        for (int lx = 2 * cx; lx < 2 * cx + 2 && lx < frame_.width; ++lx) {
          ++in_frame;
          if (lx < x0 || lx >= x1 || ly < y0 || ly >= y1) continue;  // outside the overlay: transparent
          const std::uint8_t* p = pixel_at(pixels, lx - x, ly - y);
          scaled_sum += scaled_alpha(p[pixels.a], alpha_scale);
          alpha_sum += p[pixels.a];
          r_sum += p[pixels.r];
          g_sum += p[pixels.g];
          b_sum += p[pixels.b];
        }
      }
      if (alpha_sum == 0) continue;
      const std::size_t at = static_cast<std::size_t>(cy - cy0) * static_cast<std::size_t>(chroma_.width) +
                             static_cast<std::size_t>(cx - cx0);
      const double cb = kCb[0] * r_sum + kCb[1] * g_sum + kCb[2] * b_sum;
      const double cr = kCr[0] * r_sum + kCr[1] * g_sum + kCr[2] * b_sum;
      chroma_.alpha[at] = static_cast<std::uint8_t>((scaled_sum + in_frame / 2) / in_frame);
      chroma_.colour[0][at] = to_byte(128.0 + 224.0 * cb / alpha_sum);
      chroma_.colour[1][at] = to_byte(128.0 + 224.0 * cr / alpha_sum);
    }
  }
  chroma_.find_spans();
}

void OverlayPlanes::blend_into(I420View& frame) const {
  if (frame.size() != frame_ || frame.u.cols != (frame_.width + 1) / 2 || frame.u.rows != (frame_.height + 1) / 2)
    throw std::invalid_argument("OverlayPlanes: the frame is not the size the overlay was prepared for");
  auto blend = [](const Plane& plane, int colour, cv::Mat& dst) {
    for (int r = 0; r < plane.rows; ++r) {
      const Span span = plane.spans[static_cast<std::size_t>(r)];
      if (span.begin == span.end) continue;
      const std::size_t row = static_cast<std::size_t>(r) * static_cast<std::size_t>(plane.width) +
                              static_cast<std::size_t>(span.begin);
      blend_row(dst.ptr<std::uint8_t>(plane.y0 + r) + plane.x0 + span.begin, plane.colour[colour].data() + row,
                plane.alpha.data() + row, span.end - span.begin);
    }
  };
  blend(luma_, 0, frame.y);
  blend(chroma_, 0, frame.u);
  blend(chroma_, 1, frame.v);
}

std::size_t OverlayPlanes::covered_pixels() const {
  return static_cast<std::size_t>(
      std::count_if(luma_.alpha.begin(), luma_.alpha.end(), [](std::uint8_t a) { return a > 0; }));
}

}  // namespace reelflow::compositor
