#include "image_source_test_support.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <fstream>
#include <variant>

namespace reelflow::image_source::testing {

SceneList make_scenes(const std::vector<std::string>& visuals) {
  SceneList list;
  list.title = "test video";
  for (std::size_t i = 0; i < visuals.size(); ++i) {
    Scene scene;
    scene.index = static_cast<int>(i);
    scene.visual = visuals[i];
    scene.narration = "Narration number " + std::to_string(i + 1) + " about " + visuals[i] + ".";
    scene.caption = "Caption " + std::to_string(i + 1);
    scene.target_duration_s = 5.0;
    list.scenes.push_back(scene);
  }
  return list;
}

SceneList make_scenes(int count) {
  static const char* kVisuals[] = {"a lighthouse at dawn", "a busy market street", "a forest after rain",
                                   "a city skyline at night", "a desert road", "a snowy mountain pass",
                                   "a quiet library", "waves on a rocky shore"};
  std::vector<std::string> visuals;
  for (int i = 0; i < count; ++i) visuals.emplace_back(kVisuals[i % std::size(kVisuals)]);
  return make_scenes(visuals);
}

std::vector<std::filesystem::path> images_of(const reelflow::testing::StageRun& run) {
  EXPECT_TRUE(run.status.is_ok()) << run.status.message();
  const auto found = run.outputs.find("images");
  if (found == run.outputs.end()) {
    ADD_FAILURE() << "no 'images' output";
    return {};
  }
  const auto* set = std::get_if<ImageSet>(&found->second);
  if (!set) {
    ADD_FAILURE() << "'images' is not an ImageSet";
    return {};
  }
  return set->images;
}

cv::Mat decode(const std::filesystem::path& file) { return cv::imread(file.string(), cv::IMREAD_COLOR); }

double mean_abs_difference(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat difference;
  cv::absdiff(a, b, difference);
  const cv::Scalar mean = cv::mean(difference);
  return (mean[0] + mean[1] + mean[2]) / 3.0;
}

cv::Scalar mean_colour(const cv::Mat& image) { return cv::mean(image); }

bool colour_near(const cv::Scalar& actual, const cv::Scalar& expected, double tolerance) {
  for (int c = 0; c < 3; ++c)
    if (std::abs(actual[c] - expected[c]) > tolerance) return false;
  return true;
}

cv::Mat solid_picture(int width, int height, const cv::Scalar& bgr) {
  cv::Mat image(height, width, CV_8UC3, bgr);
  cv::RNG rng(static_cast<std::uint64_t>(width) * 7919u + static_cast<std::uint64_t>(height));
  for (int i = 0; i < 20; ++i) {
    auto& pixel = image.at<cv::Vec3b>(rng.uniform(0, height), rng.uniform(0, width));
    pixel[0] = cv::saturate_cast<uchar>(pixel[0] + 3);
  }
  return image;
}

std::string encoded(const cv::Mat& image, const std::string& extension) {
  std::vector<uchar> bytes;
  EXPECT_TRUE(cv::imencode(extension, image, bytes));
  return std::string(bytes.begin(), bytes.end());
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << file;
}

std::string everything_said(const reelflow::testing::StageRun& run) {
  std::string all = run.status.message() + "\n";
  for (const auto& line : run.log_lines) all += line + "\n";
  return all;
}

}  // namespace reelflow::image_source::testing
