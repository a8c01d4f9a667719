// provider: generated — offline backgrounds painted from the scene text.
#include "image_source_test_support.hpp"

#include <stage_harness.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace reelflow::image_source::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

constexpr const char* kSmall = "width: 180\nheight: 320\n";

TEST(ImageSourceGenerated, GivesOneImagePerSceneAtTheRequestedSize) {
  StageHarness harness;
  ASSERT_TRUE(harness.has_stage_type("image_source"));
  const auto run = harness.run("image_source", kSmall, {{"scenes", make_scenes(4)}});
  const auto images = images_of(run);
  ASSERT_EQ(images.size(), 4u);
  EXPECT_EQ(std::set<std::filesystem::path>(images.begin(), images.end()).size(), 4u);
  for (const auto& path : images) {
    const cv::Mat image = decode(path);
    ASSERT_FALSE(image.empty()) << path;
    EXPECT_EQ(image.cols, 180) << path;
    EXPECT_EQ(image.rows, 320) << path;
    cv::Scalar mean, deviation;
    cv::meanStdDev(image, mean, deviation);
    EXPECT_GT(deviation[0] + deviation[1] + deviation[2], 6.0) << "a flat picture: " << path;
  }
  ASSERT_FALSE(run.progress.empty());
  EXPECT_DOUBLE_EQ(run.progress.back(), 1.0);
  EXPECT_TRUE(std::is_sorted(run.progress.begin(), run.progress.end()));
}

TEST(ImageSourceGenerated, ScenesLookDifferent) {
  StageHarness harness;
  const auto run = harness.run("image_source", kSmall, {{"scenes", make_scenes(6)}});
  const auto images = images_of(run);
  ASSERT_EQ(images.size(), 6u);
  std::vector<cv::Mat> pictures;
  for (const auto& path : images) pictures.push_back(decode(path));
  for (std::size_t i = 0; i < pictures.size(); ++i)
    for (std::size_t j = i + 1; j < pictures.size(); ++j)
      EXPECT_GT(mean_abs_difference(pictures[i], pictures[j]), 8.0) << "scenes " << i + 1 << " and " << j + 1;
}

TEST(ImageSourceGenerated, SameTextGivesSamePicturesAndEditedSceneChanges) {
  StageHarness harness;
  SceneList scenes = make_scenes(3);
  const auto first = images_of(harness.run("image_source", kSmall, {{"scenes", scenes}}));
  const auto again = images_of(harness.run("image_source", kSmall, {{"scenes", scenes}}));
  scenes.scenes[1].visual = "a completely different subject";
  const auto edited = images_of(harness.run("image_source", kSmall, {{"scenes", scenes}}));
  ASSERT_EQ(first.size(), 3u);
  ASSERT_EQ(again.size(), 3u);
  ASSERT_EQ(edited.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(mean_abs_difference(decode(first[i]), decode(again[i])), 0.0) << "scene " << i + 1;
  }
  EXPECT_EQ(mean_abs_difference(decode(first[0]), decode(edited[0])), 0.0);
  EXPECT_GT(mean_abs_difference(decode(first[1]), decode(edited[1])), 8.0);
  EXPECT_EQ(mean_abs_difference(decode(first[2]), decode(edited[2])), 0.0);
}

TEST(ImageSourceGenerated, SeedVariesThePictures) {
  StageHarness harness;
  const auto scenes = make_scenes(2);
  const auto plain = images_of(harness.run("image_source", kSmall, {{"scenes", scenes}}));
  const auto seeded =
      images_of(harness.run("image_source", std::string(kSmall) + "seed: 7\n", {{"scenes", scenes}}));
  ASSERT_EQ(plain.size(), 2u);
  ASSERT_EQ(seeded.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) EXPECT_GT(mean_abs_difference(decode(plain[i]), decode(seeded[i])), 8.0);
}

TEST(ImageSourceGenerated, DefaultSizeLeavesRoomForKenBurns) {
  // The one test at the real preset: 1.2 x 1080x1920, so Ken Burns zooms stay sharp.
  StageHarness harness;
  const auto images = images_of(harness.run("image_source", "", {{"scenes", make_scenes(1)}}));
  ASSERT_EQ(images.size(), 1u);
  const cv::Mat image = decode(images[0]);
  EXPECT_EQ(image.cols, 1296);
  EXPECT_EQ(image.rows, 2304);
}

TEST(ImageSourceGenerated, NoScenesGiveNoImages) {
  StageHarness harness;
  const auto run = harness.run("image_source", kSmall, {{"scenes", SceneList{}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_TRUE(images_of(run).empty());
}

TEST(ImageSourceGenerated, RejectsAnUnknownProvider) {
  StageHarness harness;
  const auto run = harness.run("image_source", "provider: dalle\n", {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("provider"), std::string::npos) << run.status.message();
}

}  // namespace
}  // namespace reelflow::image_source::testing
