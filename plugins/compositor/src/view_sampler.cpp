#include "view_sampler.hpp"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

constexpr int kOne = 1 << ViewSampler::kWeightBits;
// The row holds 15-bit values (a signed 16-bit multiply-add must not overflow); a
// result is (left * near + right * far) / 2^15.
constexpr int kRowShift = 1;
constexpr int kResultShift = 2 * ViewSampler::kWeightBits - kRowShift;

// row = (a * (1 - w) + b * w) / 2, in 1/256: at most 255 * 128.
void blend_rows(const std::uint8_t* a, const std::uint8_t* b, std::uint16_t w, int n, std::int16_t* row) {
  const auto near = static_cast<std::uint16_t>(kOne - w);
  for (int i = 0; i < n; ++i)
    row[i] = static_cast<std::int16_t>(static_cast<std::uint16_t>(a[i] * near + b[i] * w) >> kRowShift);
}

std::uint8_t blend_pair(const std::int16_t* p, std::uint32_t weights) {
  const std::int32_t v = p[0] * static_cast<std::int32_t>(weights & 0xffff) + p[1] * static_cast<std::int32_t>(weights >> 16);
  return static_cast<std::uint8_t>((v + (1 << (kResultShift - 1))) >> kResultShift);
}

void blend_columns(const std::int16_t* row, const std::int32_t* index, const std::uint32_t* weights, int from,
                   int n, std::uint8_t* out) {
  for (int x = from; x < n; ++x) out[x] = blend_pair(row + index[x], weights[x]);
}

// The neighbour pairs of 8 outputs, from two loads: the 16 values from the group's first
// index (pairs that start at an even offset d, dword d/2) and the 16 from one further
// (odd d, dword (d-1)/2). Both are dword d >> 1, so one permutation serves both and the
// offset's parity picks between them. (AVX2 gathers would fetch the pairs directly, but
// they are microcoded on many CPUs: the pass cost nearly three times as much with them.)
// Needs every offset in a group <= 15 (ViewSampler::draw checks), which a view
// minifying by up to 2x satisfies; the renderer's never minify by more than the zoom.
__attribute__((target("avx2"))) inline __m256i pairs_of_group(const std::int16_t* row, const PermutedGroup& g) {
  const __m256i even = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + g.first));
  const __m256i odd = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + g.first + 1));
  const __m256i perm = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(g.dword));
  const __m256i parity = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(g.odd));
  return _mm256_blendv_epi8(_mm256_permutevar8x32_epi32(even, perm), _mm256_permutevar8x32_epi32(odd, perm), parity);
}

__attribute__((target("avx2"))) void blend_columns_permuted(const std::int16_t* row, const PermutedGroup* groups,
                                                            const std::int32_t* index, const std::uint32_t* weights,
                                                            int n, std::uint8_t* out) {
  const __m256i round = _mm256_set1_epi32(1 << (kResultShift - 1));
  int x = 0;
  for (; x + 16 <= n; x += 16, groups += 2) {
    const __m256i w0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(weights + x));
    const __m256i w1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(weights + x + 8));
    const __m256i s0 =
        _mm256_srai_epi32(_mm256_add_epi32(_mm256_madd_epi16(pairs_of_group(row, groups[0]), w0), round), kResultShift);
    const __m256i s1 =
        _mm256_srai_epi32(_mm256_add_epi32(_mm256_madd_epi16(pairs_of_group(row, groups[1]), w1), round), kResultShift);
    const __m256i words = _mm256_permute4x64_epi64(_mm256_packus_epi32(s0, s1), 0xD8);
    const __m128i bytes = _mm_packus_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + x), bytes);
  }
  blend_columns(row, index, weights, x, n, out);
}

}  // namespace

ViewSampler::ViewSampler(bool vector_code) : avx2_(vector_code && __builtin_cpu_supports("avx2")) {}

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
  // kRowPadding more: the permuted pass loads 16 values past a group's first index.
  blended_row_.resize(static_cast<std::size_t>(span) + 1 + kRowPadding, 0);
  column_index_.resize(columns_.size());
  column_weights_.resize(columns_.size());
  for (std::size_t x = 0; x < columns_.size(); ++x) {
    column_index_[x] = columns_[x].index - first;
    column_weights_[x] = static_cast<std::uint32_t>(kOne - columns_[x].far) | (std::uint32_t{columns_[x].far} << 16);
  }
  const bool permuted = avx2_ && plan_groups();
  last_columns_ = permuted ? Columns::Permuted : Columns::Scalar;
  std::int16_t* row = blended_row_.data();

  for (int y = 0; y < out.rows; ++y) {
    const Tap& r = rows_[static_cast<std::size_t>(y)];
    const int below = std::min(r.index + 1, source.rows - 1);
    blend_rows(source.ptr<std::uint8_t>(r.index) + first, source.ptr<std::uint8_t>(below) + first, r.far, span,
               row);
    row[span] = row[span - 1];
    if (permuted)
      blend_columns_permuted(row, groups_.data(), column_index_.data(), column_weights_.data(), out.cols,
                             out.ptr<std::uint8_t>(y));
    else
      blend_columns(row, column_index_.data(), column_weights_.data(), 0, out.cols, out.ptr<std::uint8_t>(y));
  }
}

bool ViewSampler::plan_groups() {
  groups_.resize(column_index_.size() / 8);
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const std::int32_t* index = column_index_.data() + 8 * g;
    PermutedGroup& group = groups_[g];
    group.first = index[0];
    for (int k = 0; k < 8; ++k) {
      const std::int32_t offset = index[k] - index[0];
      if (offset < 0 || offset > 15) return false;
      group.dword[k] = offset >> 1;
      group.odd[k] = (offset & 1) ? -1 : 0;
    }
  }
  return true;
}

}  // namespace reelflow::compositor
