// The Ken Burns resampling on its own: exact enough against a double-precision
// bilinear reference and against cv::warpAffine, close to a high-quality render
// (bicubic from the full-resolution picture, in RGB), and free of shimmer on a slow zoom.
#include "frame_renderer.hpp"
#include "ken_burns_path.hpp"
#include "scene_picture.hpp"
#include "view_sampler.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <unistd.h>

namespace reelflow::compositor {
namespace {

cv::Mat noise_plane(cv::Size size, unsigned seed) {
  cv::Mat plane(size, CV_8UC1);
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> level(0, 255);
  for (int y = 0; y < plane.rows; ++y)
    for (int x = 0; x < plane.cols; ++x) plane.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(level(random));
  return plane;
}

// Bilinear in doubles: the definition the sampler approximates in fixed point.
double reference_at(const cv::Mat& source, const ViewRect& view, cv::Size out, int x, int y) {
  auto clamp = [](double v, int n) { return std::clamp(v, 0.0, static_cast<double>(n - 1)); };
  const double sx = clamp(view.x + (x + 0.5) * view.width / out.width - 0.5, source.cols);
  const double sy = clamp(view.y + (y + 0.5) * view.height / out.height - 0.5, source.rows);
  const int x0 = static_cast<int>(sx), y0 = static_cast<int>(sy);
  const int x1 = std::min(x0 + 1, source.cols - 1), y1 = std::min(y0 + 1, source.rows - 1);
  const double fx = sx - x0, fy = sy - y0;
  auto p = [&](int yy, int xx) { return static_cast<double>(source.at<std::uint8_t>(yy, xx)); };
  return (p(y0, x0) * (1 - fx) + p(y0, x1) * fx) * (1 - fy) + (p(y1, x0) * (1 - fx) + p(y1, x1) * fx) * fy;
}

// Mean SSIM of two 8-bit planes (Gaussian 11x11, sigma 1.5, the usual constants).
double ssim(const cv::Mat& a8, const cv::Mat& b8) {
  cv::Mat a, b;
  a8.convertTo(a, CV_64F);
  b8.convertTo(b, CV_64F);
  const double c1 = 6.5025, c2 = 58.5225;
  auto blur = [](const cv::Mat& m) {
    cv::Mat out;
    cv::GaussianBlur(m, out, cv::Size(11, 11), 1.5);
    return out;
  };
  const cv::Mat mu_a = blur(a), mu_b = blur(b);
  const cv::Mat var_a = blur(a.mul(a)) - mu_a.mul(mu_a);
  const cv::Mat var_b = blur(b.mul(b)) - mu_b.mul(mu_b);
  const cv::Mat cov = blur(a.mul(b)) - mu_a.mul(mu_b);
  cv::Mat num = (2 * mu_a.mul(mu_b) + c1).mul(2 * cov + c2);
  cv::Mat den = (mu_a.mul(mu_a) + mu_b.mul(mu_b) + c1).mul(var_a + var_b + c2);
  cv::Mat map;
  cv::divide(num, den, map);
  return cv::mean(map)[0];
}

// A photo-like test picture: smooth gradients, hard edges, fine stripes and small text.
cv::Mat detailed_picture(cv::Size size) {
  cv::Mat bgr(size, CV_8UC3);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x)
      bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<std::uint8_t>(255 * x / size.width),
                                         static_cast<std::uint8_t>(255 * y / size.height), 128);
  for (int i = 0; i < 12; ++i)
    cv::circle(bgr, cv::Point(size.width * (i + 1) / 13, size.height / 3), size.width / 30,
               cv::Scalar(40 * (i % 6), 255 - 20 * i, 30 * (i % 8)), cv::FILLED, cv::LINE_AA);
  for (int x = 0; x < size.width; x += 9) cv::line(bgr, {x, size.height / 2}, {x + 4, size.height * 2 / 3}, {20, 20, 20}, 2);
  for (int row = 0; row < 5; ++row)
    cv::putText(bgr, "The quick brown fox", cv::Point(10, size.height * 3 / 4 + row * 30),
                cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(250, 250, 250), 2, cv::LINE_AA);
  return bgr;
}

TEST(CompositorViewSampler, MatchesBilinearInDoublesToOneLevel) {
  const cv::Mat source = noise_plane({157, 211}, 7);
  const ViewRect views[] = {
      {0, 0, 157, 211},              // whole plane, scaled to the output
      {10.37, 4.81, 120.5, 162.1},   // sub-pixel origin, minified ~1.2x
      {-3.2, -1.5, 150, 200},        // past the top-left edge (replicated)
      {40.9, 70.2, 116.3, 141.7},    // to the bottom-right edge
      {20.25, 30.75, 60, 80},        // magnified
      {0.5, 0.5, 190, 240},          // minified 2x, wider than the plane
  };
  ViewSampler sampler;
  for (const ViewRect& view : views) {
    cv::Mat out(94, 100, CV_8UC1);
    sampler.draw(source, view, out);
    int worst = 0;
    for (int y = 0; y < out.rows; ++y)
      for (int x = 0; x < out.cols; ++x)
        worst = std::max(worst, static_cast<int>(std::lround(std::abs(out.at<std::uint8_t>(y, x) -
                                                                      reference_at(source, view, out.size(), x, y)))));
    EXPECT_LE(worst, 1) << "view at " << view.x << "," << view.y << " size " << view.width << "x" << view.height;
  }
}

TEST(CompositorViewSampler, VectorAndScalarCodeGiveTheSamePixels) {
  const cv::Mat source = noise_plane({700, 1100}, 3);
  ViewSampler vector_code, scalar_code(false);
  ASSERT_FALSE(scalar_code.uses_avx2());
  if (!vector_code.uses_avx2()) GTEST_SKIP() << "this CPU has no AVX2: only the scalar code runs here";
  // Magnified, minified a little, at the edge, minified 2x (the most the permuted
  // columns handle) and 2.2x (past it: the scalar code, in both).
  using Columns = ViewSampler::Columns;
  const std::pair<ViewRect, Columns> views[] = {
      {{0, 0, 700, 1100}, Columns::Permuted},          {{33.3, 57.9, 610.2, 958.7}, Columns::Permuted},
      {{-2.5, 900.1, 690.0, 1084.3}, Columns::Permuted}, {{1.3, 0.7, 1274.0, 1000.0}, Columns::Permuted},
      {{0.0, 0.0, 1401.4, 1100.0}, Columns::Scalar}};
  for (const auto& [view, columns] : views) {
    cv::Mat a(1000, 637, CV_8UC1), b(1000, 637, CV_8UC1);  // 637: a tail after the 16-wide steps
    vector_code.draw(source, view, a);
    scalar_code.draw(source, view, b);
    EXPECT_EQ(cv::countNonZero(a != b), 0) << "view at " << view.x << "," << view.y;
    EXPECT_EQ(vector_code.last_columns(), columns) << "view " << view.width << " wide";
    EXPECT_EQ(scalar_code.last_columns(), Columns::Scalar);
  }
}

TEST(CompositorViewSampler, AgreesWithWarpAffine) {
  const cv::Mat source = noise_plane({320, 480}, 11);
  const ViewRect view{13.7, 21.3, 281.9, 422.85};
  cv::Mat ours(400, 270, CV_8UC1), theirs;
  ViewSampler().draw(source, view, ours);
  const double sx = view.width / ours.cols, sy = view.height / ours.rows;
  const cv::Matx23d map(sx, 0, view.x + 0.5 * sx - 0.5, 0, sy, view.y + 0.5 * sy - 0.5);
  cv::warpAffine(source, theirs, map, ours.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
  cv::Mat diff;
  cv::absdiff(ours, theirs, diff);
  double worst = 0;
  cv::minMaxLoc(diff, nullptr, &worst);
  // warpAffine rounds positions to 1/32 pixel, we to 1/256 (the test above holds us to
  // one level of exact bilinear): on noise, where neighbours differ by up to 255, that
  // is a few levels here and there.
  EXPECT_LE(worst, 8);
  EXPECT_LT(cv::mean(diff)[0], 1.0);
}

TEST(CompositorViewSampler, OnePixelWidePlanesReplicate) {
  cv::Mat source(3, 1, CV_8UC1);
  source.at<std::uint8_t>(0) = 10;
  source.at<std::uint8_t>(1) = 20;
  source.at<std::uint8_t>(2) = 30;
  cv::Mat out(3, 2, CV_8UC1);
  ViewSampler().draw(source, ViewRect{0, 0, 1, 3}, out);
  for (int y = 0; y < 3; ++y) {
    EXPECT_EQ(out.at<std::uint8_t>(y, 0), 10 * (y + 1));
    EXPECT_EQ(out.at<std::uint8_t>(y, 1), 10 * (y + 1));
  }
}

class CompositorKenBurnsQuality : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("reelflow-view-sampler-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    // About 1.5x the prepared picture, as a 1024-2048 px photo is for a 1080x1920 frame.
    original_ = detailed_picture({480, 860});
    file_ = dir_ / "picture.png";
    cv::imwrite(file_.string(), original_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // One scene of `seconds` at `fps`, rendered through the FrameRenderer: Y planes.
  std::vector<cv::Mat> render_scene(cv::Size frame, double zoom, double seconds, int fps, const KenBurnsPath& path) {
    const SceneTimeline timeline({seconds}, 0.0, 0.0);
    const cv::Size picture_size = picture_size_for(frame, zoom);
    PictureLookahead pictures(1, [&](std::size_t) { return load_scene_picture(file_, picture_size); });
    FrameRenderer renderer(timeline, pictures, {path}, frame);
    std::vector<cv::Mat> frames;
    I420Image image(frame);
    for (int k = 0; k < static_cast<int>(seconds * fps); ++k) {
      I420View view = image.view();
      renderer.render(static_cast<double>(k) / fps, view);
      frames.push_back(image.y.clone());
    }
    return frames;
  }

  std::filesystem::path dir_;
  std::filesystem::path file_;
  cv::Mat original_;
};

TEST_F(CompositorKenBurnsQuality, CloseToABicubicRenderFromTheFullPicture) {
  const cv::Size frame(270, 480);
  const double zoom = 1.15, seconds = 2.0;
  const int fps = 15;
  const cv::Size picture_size = picture_size_for(frame, zoom);
  const KenBurnsPath path = KenBurnsPath::for_scene(1, picture_size.width, picture_size.height, zoom);
  const std::vector<cv::Mat> ours = render_scene(frame, zoom, seconds, fps, path);

  // The reference: the original's cover crop, warped straight to the frame with bicubic
  // interpolation in RGB (no prepared picture, no I420 planes), then converted.
  const double aspect = static_cast<double>(picture_size.width) / picture_size.height;
  const int crop_w = std::min(original_.cols, static_cast<int>(std::lround(original_.rows * aspect)));
  const int crop_h = std::min(original_.rows, static_cast<int>(std::lround(original_.cols / aspect)));
  const cv::Mat crop = original_(cv::Rect((original_.cols - crop_w) / 2, (original_.rows - crop_h) / 2, crop_w, crop_h));
  const double to_crop = static_cast<double>(crop_w) / picture_size.width;
  double worst = 1.0, sum = 0.0;
  for (std::size_t k = 0; k < ours.size(); ++k) {
    ViewRect v = path.at(static_cast<double>(k) / fps / seconds);
    v = {v.x * to_crop, v.y * to_crop, v.width * to_crop, v.height * to_crop};
    const double sx = v.width / frame.width, sy = v.height / frame.height;
    // Pre-blur by the minification so bicubic does not alias either: a fair reference.
    cv::Mat source;  // a new Mat: blurring into a header of `crop` would blur the original
    if (sx > 1.0)
      cv::GaussianBlur(crop, source, cv::Size(), 0.5 * sx, 0.5 * sy);
    else
      source = crop;
    cv::Mat bgr;
    const cv::Matx23d map(sx, 0, v.x + 0.5 * sx - 0.5, 0, sy, v.y + 0.5 * sy - 0.5);
    cv::warpAffine(source, bgr, map, frame, cv::INTER_CUBIC | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
    const double s = ssim(ours[k], I420Image::from_bgr(bgr).y);
    worst = std::min(worst, s);
    sum += s;
  }
  std::printf("[ measured ] SSIM against the bicubic render: worst frame %.4f, mean %.4f\n", worst,
              sum / static_cast<double>(ours.size()));
  EXPECT_GE(worst, 0.98) << "mean SSIM " << sum / static_cast<double>(ours.size());
}

TEST_F(CompositorKenBurnsQuality, ASlowZoomOnAStillPictureDoesNotShimmer) {
  // Flicker is what does not move smoothly: frame k against the mean of its neighbours.
  // A smooth sub-pixel zoom keeps it near the noise floor; a view snapped to whole pixels
  // (or aliasing from too few taps) makes edges jump every few frames.
  const cv::Size frame(270, 480);
  const int fps = 30;
  const cv::Size picture_size = picture_size_for(frame, 1.15);
  const KenBurnsPath slow(ViewRect{0, 0, static_cast<double>(picture_size.width), static_cast<double>(picture_size.height)},
                          ViewRect{6, 10, picture_size.width - 12.0, picture_size.height - 20.0});
  const std::vector<cv::Mat> frames = render_scene(frame, 1.15, 2.0, fps, slow);
  double flicker = 0.0, motion = 0.0;
  for (std::size_t k = 1; k + 1 < frames.size(); ++k) {
    cv::Mat prev, cur, next;
    frames[k - 1].convertTo(prev, CV_32F);
    frames[k].convertTo(cur, CV_32F);
    frames[k + 1].convertTo(next, CV_32F);
    flicker = std::max(flicker, cv::mean(cv::abs(cur - 0.5 * (prev + next)))[0]);
    motion = std::max(motion, cv::mean(cv::abs(next - prev))[0]);
  }
  std::printf("[ measured ] slow zoom: flicker %.3f levels, motion %.3f levels\n", flicker, motion);
  EXPECT_GT(motion, 0.05) << "the view should move";
  EXPECT_LT(flicker, 0.35) << "largest mean deviation from the neighbours' average, in levels";
  EXPECT_LT(flicker, 0.5 * motion);
}

}  // namespace
}  // namespace reelflow::compositor
