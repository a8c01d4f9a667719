#pragma once
// Helpers shared by the image_source tests: scenes, pictures and pixel checks.
#include <stage_harness.hpp>

#include <reelflow/value.hpp>

#include <opencv2/core.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::image_source::testing {

// `count` scenes with distinct visual and narration texts.
SceneList make_scenes(const std::vector<std::string>& visuals);
SceneList make_scenes(int count);

// The "images" output of a successful run (fails the test otherwise).
std::vector<std::filesystem::path> images_of(const reelflow::testing::StageRun& run);

// Decodes `file` (BGR); an empty Mat when it cannot.
cv::Mat decode(const std::filesystem::path& file);

// Mean absolute difference of two same-sized images, over all channels, in [0, 255].
double mean_abs_difference(const cv::Mat& a, const cv::Mat& b);

// Mean BGR colour of an image.
cv::Scalar mean_colour(const cv::Mat& image);

// True when every channel of `actual` is within `tolerance` of `expected`.
bool colour_near(const cv::Scalar& actual, const cv::Scalar& expected, double tolerance);

// A picture of one colour; a few noise pixels keep encoders honest.
cv::Mat solid_picture(int width, int height, const cv::Scalar& bgr);

// The bytes of `image` encoded as `extension` (".jpg", ".png").
std::string encoded(const cv::Mat& image, const std::string& extension);

void write_bytes(const std::filesystem::path& file, const std::string& bytes);

// Every log line and the status message, for checks that something never appears.
std::string everything_said(const reelflow::testing::StageRun& run);

}  // namespace reelflow::image_source::testing
