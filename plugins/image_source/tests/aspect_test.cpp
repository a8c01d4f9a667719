// `aspect`: the video's frame shape reaches every provider, so a 16:9 video gets
// landscape pictures (painted, cropped or searched for at that shape).
#include "image_source_test_support.hpp"
#include "stock_photo_server.hpp"

#include <stage_harness.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>

namespace reelflow::image_source::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

constexpr const char* kApiKey = "aspect-test-key";
const cv::Scalar kRed(40, 40, 220), kGreen(40, 200, 40), kBlue(220, 60, 30);

cv::Size decoded_size(const std::filesystem::path& file) {
  const cv::Mat image = decode(file);
  EXPECT_FALSE(image.empty()) << file;
  return image.size();
}

TEST(ImageSourceAspect, GeneratedPicturesTakeTheFullSizeOfEachAspect) {
  StageHarness harness;
  const std::pair<std::string, cv::Size> cases[] = {
      {"16:9", {2304, 1296}}, {"9:16", {1296, 2304}}, {"1:1", {1296, 1296}}};
  for (const auto& [aspect, size] : cases) {
    SCOPED_TRACE(aspect);
    const auto images =
        images_of(harness.run("image_source", "aspect: '" + aspect + "'\n", {{"scenes", make_scenes(1)}}));
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(decoded_size(images[0]), size);
  }
}

TEST(ImageSourceAspect, OneSideGivenKeepsTheAspectAndBothSidesWin) {
  StageHarness harness;
  const auto wide = images_of(harness.run("image_source", "aspect: '16:9'\nwidth: 320\n", {{"scenes", make_scenes(1)}}));
  ASSERT_EQ(wide.size(), 1u);
  EXPECT_EQ(decoded_size(wide[0]), cv::Size(320, 180));
  const auto square = images_of(harness.run("image_source", "aspect: '1:1'\nheight: 200\n", {{"scenes", make_scenes(1)}}));
  ASSERT_EQ(square.size(), 1u);
  EXPECT_EQ(decoded_size(square[0]), cv::Size(200, 200));
  const auto exact = images_of(harness.run("image_source", "aspect: '16:9'\nwidth: 100\nheight: 300\n",
                                           {{"scenes", make_scenes(1)}}));
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_EQ(decoded_size(exact[0]), cv::Size(100, 300));
}

TEST(ImageSourceAspect, TooSmallASideIsAClearErrorAndAnUnknownAspectIsRefused) {
  StageHarness harness;
  const auto tiny = harness.run("image_source", "aspect: '16:9'\nheight: 8\n", {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(tiny.status.is_ok());
  EXPECT_NE(tiny.status.message().find("picture size 14x8"), std::string::npos) << tiny.status.message();
  EXPECT_FALSE(harness.run("image_source", "aspect: '4:3'\n", {{"scenes", make_scenes(1)}}).status.is_ok());
}

TEST(ImageSourceAspect, FolderPicturesAreCoverCroppedToLandscape) {
  // A tall picture: red top, green middle, blue bottom. A landscape crop keeps the middle only.
  TempDir pictures("image-source-aspect");
  cv::Mat bands(900, 300, CV_8UC3, kGreen);
  bands(cv::Rect(0, 0, 300, 300)).setTo(kRed);
  bands(cv::Rect(0, 600, 300, 300)).setTo(kBlue);
  write_bytes(pictures / "tall.png", encoded(bands, ".png"));

  StageHarness harness;
  const auto images = images_of(harness.run(
      "image_source", "provider: folder\nfolder: '" + pictures.path().string() + "'\naspect: '16:9'\nwidth: 320\n",
      {{"scenes", make_scenes(1)}}));
  ASSERT_EQ(images.size(), 1u);
  const cv::Mat image = decode(images[0]);
  EXPECT_EQ(image.size(), cv::Size(320, 180));
  EXPECT_TRUE(colour_near(mean_colour(image), kGreen, 6.0)) << mean_colour(image);
}

TEST(ImageSourceAspect, StockSearchAsksForTheOrientationOfTheAspect) {
  StockPhotoServer server(kApiKey);
  server.add_file("sea.jpg", {200, "image/jpeg", encoded(solid_picture(640, 360, kBlue), ".jpg")});
  server.add_photo("blue sea", "sea.jpg");
  StageHarness harness;
  const std::pair<std::string, std::string> cases[] = {
      {"16:9", "landscape"}, {"9:16", "portrait"}, {"1:1", "square"}};
  for (const auto& [aspect, orientation] : cases) {
    SCOPED_TRACE(aspect);
    const auto run = harness.run("image_source",
                                 "provider: http\nsearch_url: " + server.search_url() + "\napi_key: " + kApiKey +
                                     "\ncache: false\naspect: '" + aspect + "'\nheight: 180\n",
                                 {{"scenes", make_scenes({"blue sea"})}});
    const auto images = images_of(run);
    ASSERT_EQ(images.size(), 1u);
    const cv::Size size = decoded_size(images[0]);
    EXPECT_EQ(size.height, 180);
    EXPECT_EQ(size.width > size.height, orientation == "landscape");
    ASSERT_FALSE(server.searches().empty());
    EXPECT_EQ(server.searches().back().orientation, orientation);
  }
}

}  // namespace
}  // namespace reelflow::image_source::testing
