#pragma once
// An overlay picture (premultiplied-alpha RGB, as a GstVideoOverlayRectangle holds it)
// prepared once for blending into many I420 frames (BT.709, limited range) at a fixed
// place. Luma keeps one alpha per pixel; chroma gets one per 2x2 block of the frame's
// grid, the block's coverage, with the colour weighted by alpha (so a stroke's soft
// edge does not tint its neighbours). Rows are clipped to the frame, and each row
// remembers the span its alpha covers: a frame pays only for the pixels the overlay
// touches, not for its bounding box. Blending is straight-alpha "over", exactly rounded.
//
// Converted here, not by GStreamer: its AYUV copy of a premultiplied rectangle divides
// the chroma by alpha too, which turns a soft black shadow purple.
#include "i420_image.hpp"

#include <cstdint>
#include <vector>

namespace reelflow::compositor {

class OverlayPlanes {
 public:
  struct Pixels {
    const std::uint8_t* data;  // premultiplied alpha, 4 bytes per pixel
    int stride;                // bytes per row
    int width;
    int height;
    int a = 3, r = 2, g = 1, b = 0;  // byte of each channel in a pixel (GStreamer's BGRA on little-endian)
  };

  // `x`, `y`: where the overlay's top-left pixel lands in a frame of `frame` size (it
  // may lie partly or wholly outside). `global_alpha` (0..1) scales every pixel's alpha.
  OverlayPlanes(const Pixels& pixels, int x, int y, cv::Size frame, double global_alpha = 1.0);

  // Blends into a frame of the size given at construction (std::invalid_argument otherwise).
  void blend_into(I420View& frame) const;

  // Pixels the overlay covers in the luma plane (alpha > 0), for tests and logs.
  std::size_t covered_pixels() const;

 private:
  struct Span {
    int begin = 0;  // first covered pixel of the row, relative to the plane's x0
    int end = 0;    // one past the last; begin == end: nothing to blend
  };
  // One plane's part of the overlay: `rows` x `width` pixels at (x0, y0) of the frame plane.
  struct Plane {
    int x0 = 0, y0 = 0, width = 0, rows = 0;
    std::vector<std::uint8_t> alpha;
    std::vector<std::uint8_t> colour[2];  // Y for luma; U and V for chroma
    std::vector<Span> spans;
    void resize(int x, int y, int w, int h, int colours);
    void find_spans();
  };

  void prepare_luma(const Pixels& pixels, int x, int y, const cv::Rect& visible, int alpha_scale);
  void prepare_chroma(const Pixels& pixels, int x, int y, const cv::Rect& visible, int alpha_scale);

  cv::Size frame_;
  Plane luma_;
  Plane chroma_;
};

}  // namespace reelflow::compositor
