#pragma once
// Draws an axis-aligned view of a plane (a Ken Burns rectangle: scale + sub-pixel
// offset, no rotation) into an output plane by separable bilinear interpolation in
// fixed point: a vertical pass blends two source rows into a 15-bit row (vectorised),
// then a horizontal pass blends neighbours of that row with per-column indices and
// weights computed once per frame (with AVX2, two loads and a permutation per eight
// outputs; the same arithmetic in scalar code elsewhere). Pixel centres are aligned and edges replicated,
// as cv::warpAffine does with INTER_LINEAR and BORDER_REPLICATE, at under half its cost.
// The view never minifies by more than 2x (pictures are prepared at the size the
// tightest view needs, zoom <= 2), so two taps do not alias.
#include "ken_burns_path.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace reelflow::compositor {

// Eight adjacent outputs of the horizontal pass: where their source pairs start in the
// blended row, and for each, which 32-bit pair holds it (see blend_columns_permuted).
struct PermutedGroup {
  std::int32_t first;     // the group's first index into the row
  std::int32_t dword[8];  // (index - first) >> 1
  std::int32_t odd[8];    // -1 where (index - first) is odd
};

class ViewSampler {
 public:
  // Weights are 8-bit: 1/256 of a pixel, finer than a slow pan moves in a frame.
  static constexpr int kWeightBits = 8;

  // `vector_code`: use AVX2 when the CPU has it (false: scalar only, for tests).
  explicit ViewSampler(bool vector_code = true);

  // `source` and `out` are CV_8UC1; `view` is in source plane coordinates.
  void draw(const cv::Mat& source, const ViewRect& view, cv::Mat& out);

  bool uses_avx2() const { return avx2_; }

  // Which horizontal pass the last draw() used (tests check both vector paths run).
  enum class Columns { Scalar, Permuted };
  Columns last_columns() const { return last_columns_; }

 private:
  struct Tap {
    int index;          // the left (or upper) source pixel
    std::uint16_t far;  // weight of index + 1, in 1/256
  };
  // Taps for `count` output pixels starting at `origin` with `step` source pixels
  // each, clamped to [0, length - 1].
  static void taps(double origin, double step, int count, int length, std::vector<Tap>& out);

  // Groups for the permuted horizontal pass; false when a view minifies too much for it.
  bool plan_groups();

  static constexpr int kRowPadding = 32;

  bool avx2_;
  Columns last_columns_ = Columns::Scalar;
  std::vector<PermutedGroup> groups_;
  std::vector<Tap> columns_;
  std::vector<Tap> rows_;
  std::vector<std::int32_t> column_index_;     // relative to the first column read
  std::vector<std::uint32_t> column_weights_;  // near | far << 16, for a 16-bit multiply-add
  std::vector<std::int16_t> blended_row_;
};

}  // namespace reelflow::compositor
