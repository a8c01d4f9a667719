#include "backdrop_painter.hpp"

#include "colour_palette.hpp"
#include "source_kit.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace reelflow::image_source {
namespace {

// Everything but the grain is soft, so it is painted at a quarter of the size and
// scaled up: about 16x less work for the blurs and blends.
constexpr int kSketchDivisor = 4;
constexpr float kGrainSigma = 2.0f / 255.0f;  // breaks up 8-bit banding in the gradients

float smoothstep(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

cv::Vec3f mix(const cv::Vec3f& a, const cv::Vec3f& b, float t) { return a * (1.0f - t) + b * t; }

void paint_gradient(cv::Mat3f& canvas, const ColourPalette& palette, SeededRandom& random) {
  const float w = float(canvas.cols), h = float(canvas.rows);
  if (random.chance(0.5)) {  // linear, at any angle
    const float angle = float(random.uniform(0.0, 2.0 * std::numbers::pi));
    const float dx = std::cos(angle), dy = std::sin(angle);
    const float extent = std::fabs(dx) * w + std::fabs(dy) * h;
    for (int y = 0; y < canvas.rows; ++y) {
      auto* row = canvas.ptr<cv::Vec3f>(y);
      for (int x = 0; x < canvas.cols; ++x) {
        const float t = ((x - w / 2) * dx + (y - h / 2) * dy) / extent + 0.5f;
        row[x] = mix(palette.deep, palette.light, smoothstep(t));
      }
    }
  } else {  // radial, bright around an off-centre point
    const float cx = float(random.uniform(0.2, 0.8)) * w, cy = float(random.uniform(0.15, 0.85)) * h;
    const float radius = float(random.uniform(0.7, 1.2)) * std::max(w, h);
    for (int y = 0; y < canvas.rows; ++y) {
      auto* row = canvas.ptr<cv::Vec3f>(y);
      for (int x = 0; x < canvas.cols; ++x) {
        const float t = std::hypot(x - cx, y - cy) / radius;
        row[x] = mix(palette.light, palette.deep, smoothstep(t));
      }
    }
  }
}

std::vector<cv::Point> rounded_rectangle(cv::Point2f centre, cv::Size2f size, float corner, float angle) {
  constexpr int kArcSteps = 8;
  const float hw = size.width / 2, hh = size.height / 2;
  corner = std::min({corner, hw, hh});
  const cv::Point2f corners[] = {{hw - corner, hh - corner}, {-hw + corner, hh - corner},
                                 {-hw + corner, -hh + corner}, {hw - corner, -hh + corner}};
  const float c = std::cos(angle), s = std::sin(angle);
  std::vector<cv::Point> points;
  for (int k = 0; k < 4; ++k) {
    for (int i = 0; i <= kArcSteps; ++i) {
      const float a = float(std::numbers::pi / 2) * (k + float(i) / kArcSteps);
      const cv::Point2f p = corners[k] + corner * cv::Point2f(std::cos(a), std::sin(a));
      points.emplace_back(cvRound(centre.x + p.x * c - p.y * s), cvRound(centre.y + p.x * s + p.y * c));
    }
  }
  return points;
}

std::vector<cv::Point> diagonal_band(cv::Size canvas, cv::Point2f through, float thickness, float angle) {
  const float reach = float(canvas.width + canvas.height);  // beyond the canvas either way
  const cv::Point2f along(std::cos(angle), std::sin(angle)), across(-along.y, along.x);
  const cv::Point2f ends[] = {through - along * reach - across * (thickness / 2),
                              through + along * reach - across * (thickness / 2),
                              through + along * reach + across * (thickness / 2),
                              through - along * reach + across * (thickness / 2)};
  std::vector<cv::Point> points;
  for (const auto& p : ends) points.emplace_back(cvRound(p.x), cvRound(p.y));
  return points;
}

// A soft-edged coverage mask in [0, 1] for one shape.
cv::Mat1f shape_mask(cv::Size canvas, SeededRandom& random, bool small_glow) {
  const float w = float(canvas.width), h = float(canvas.height);
  cv::Mat1b drawn = cv::Mat1b::zeros(canvas);
  const cv::Point2f centre(float(random.uniform(-0.1, 1.1)) * w, float(random.uniform(-0.1, 1.1)) * h);
  double blur = random.uniform(0.004, 0.035) * std::min(w, h);
  if (small_glow) {
    const int radius = std::max(1, int(random.uniform(0.012, 0.045) * w));
    cv::circle(drawn, centre, radius, 255, cv::FILLED, cv::LINE_AA);
    blur = radius * random.uniform(0.3, 0.8);
  } else {
    switch (random.below(3)) {
      case 0:
        cv::circle(drawn, centre, std::max(1, int(random.uniform(0.10, 0.45) * w)), 255, cv::FILLED, cv::LINE_AA);
        break;
      case 1: {
        const cv::Size2f size(float(random.uniform(0.3, 0.9)) * w, float(random.uniform(0.08, 0.35)) * h);
        const float corner = float(random.uniform(0.1, 0.5)) * std::min(size.width, size.height);
        const float angle = float(random.uniform(-0.6, 0.6));
        cv::fillConvexPoly(drawn, rounded_rectangle(centre, size, corner, angle), 255, cv::LINE_AA);
        break;
      }
      default: {
        const float angle = float(random.uniform(0.35, 1.2)) * (random.chance(0.5) ? 1.0f : -1.0f);
        const float thickness = float(random.uniform(0.05, 0.22)) * h;
        cv::fillConvexPoly(drawn, diagonal_band(canvas, centre, thickness, angle), 255, cv::LINE_AA);
        break;
      }
    }
  }
  cv::Mat1f mask;
  drawn.convertTo(mask, CV_32F, 1.0 / 255.0);
  if (blur > 0.3) cv::GaussianBlur(mask, mask, cv::Size(), blur);
  return mask;
}

void blend(cv::Mat3f& canvas, const cv::Mat1f& mask, const cv::Vec3f& colour, float alpha) {
  for (int y = 0; y < canvas.rows; ++y) {
    auto* row = canvas.ptr<cv::Vec3f>(y);
    const float* cover = mask.ptr<float>(y);
    for (int x = 0; x < canvas.cols; ++x) row[x] = mix(row[x], colour, alpha * cover[x]);
  }
}

void paint_shapes(cv::Mat3f& canvas, const ColourPalette& palette, SeededRandom& random) {
  const cv::Vec3f white(1.0f, 1.0f, 1.0f);
  const int shapes = 3 + int(random.below(3));
  for (int i = 0; i < shapes; ++i) {
    const cv::Vec3f colour = random.chance(0.6) ? palette.accent : mix(palette.light, white, 0.3f);
    blend(canvas, shape_mask(canvas.size(), random, false), colour, float(random.uniform(0.15, 0.45)));
  }
  const int glows = int(random.below(7));
  for (int i = 0; i < glows; ++i)
    blend(canvas, shape_mask(canvas.size(), random, true), mix(palette.accent, white, 0.5f),
          float(random.uniform(0.25, 0.6)));
}

void darken_edges(cv::Mat3f& canvas, SeededRandom& random) {
  const float strength = float(random.uniform(0.25, 0.45));
  const float hw = canvas.cols / 2.0f, hh = canvas.rows / 2.0f;
  for (int y = 0; y < canvas.rows; ++y) {
    auto* row = canvas.ptr<cv::Vec3f>(y);
    const float dy = (y - hh) / hh;
    for (int x = 0; x < canvas.cols; ++x) {
      const float dx = (x - hw) / hw;
      row[x] *= 1.0f - strength * std::min(1.0f, (dx * dx + dy * dy) / 2.0f);
    }
  }
}

void add_grain(cv::Mat3f& image, std::uint64_t seed) {
  cv::Mat1f grain(image.size());
  cv::RNG rng(seed | 1);
  rng.fill(grain, cv::RNG::NORMAL, 0.0, kGrainSigma);
  for (int y = 0; y < image.rows; ++y) {
    auto* row = image.ptr<cv::Vec3f>(y);
    const float* g = grain.ptr<float>(y);
    for (int x = 0; x < image.cols; ++x) row[x] += cv::Vec3f(g[x], g[x], g[x]);
  }
}

}  // namespace

cv::Mat paint_backdrop(std::uint64_t seed, ImageSize size) {
  SeededRandom random(seed);
  const ColourPalette palette = make_palette(random);
  cv::Mat3f sketch(std::max(16, size.height / kSketchDivisor), std::max(16, size.width / kSketchDivisor));
  paint_gradient(sketch, palette, random);
  paint_shapes(sketch, palette, random);
  darken_edges(sketch, random);

  cv::Mat3f full;
  cv::resize(sketch, full, cv::Size(size.width, size.height), 0, 0, cv::INTER_CUBIC);
  add_grain(full, random.next());
  cv::Mat image;
  full.convertTo(image, CV_8UC3, 255.0);
  return image;
}

}  // namespace reelflow::image_source
