// provider: http — the download cache persists across runs (needs StageHarness::set_cache_dir).
#include "image_source_test_support.hpp"
#include "stock_photo_server.hpp"

#include <stage_harness.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>

#include <regex>

namespace reelflow::image_source::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

constexpr const char* kApiKey = "pexels-test-key-5eCr3t";

std::vector<std::string> file_names_under(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
  return names;
}

TEST(ImageSourceHttpCache, SecondRunWithTheSameCacheFetchesNothing) {
  StockPhotoServer server(kApiKey);
  server.add_file("fox.jpg", {200, "image/jpeg", encoded(solid_picture(400, 300, cv::Scalar(40, 40, 220)), ".jpg")});
  server.add_file("sea.jpg", {200, "image/jpeg", encoded(solid_picture(400, 300, cv::Scalar(220, 60, 30)), ".jpg")});
  server.add_photo("a red fox", "fox.jpg");
  server.add_photo("blue sea", "sea.jpg");
  const std::string params = "provider: http\nsearch_url: " + server.search_url() + "\napi_key: " + kApiKey +
                             "\nwidth: 180\nheight: 320\n";
  const auto scenes = make_scenes({"a red fox", "blue sea"});

  TempDir cache("image-source-cache");
  StageHarness harness;
  harness.set_cache_dir(cache.path());
  const auto first = images_of(harness.run("image_source", params, {{"scenes", scenes}}));
  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(server.searches().size(), 2u);
  ASSERT_EQ(server.downloads().size(), 2u);

  const auto second_run = harness.run("image_source", params, {{"scenes", scenes}});
  const auto second = images_of(second_run);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(server.searches().size(), 2u) << "no new search";
  EXPECT_EQ(server.downloads().size(), 2u) << "no new download";
  for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(mean_abs_difference(decode(first[i]), decode(second[i])), 0.0);
  EXPECT_EQ(everything_said(second_run).find(kApiKey), std::string::npos);

  // Entries are <sha256>.<ext>: nothing about the key in any name.
  const auto names = file_names_under(cache.path());
  EXPECT_EQ(names.size(), 2u);
  for (const auto& name : names) {
    EXPECT_TRUE(std::regex_match(name, std::regex("[0-9a-f]{64}\\.jpg"))) << name;
    EXPECT_EQ(name.find(kApiKey), std::string::npos) << name;
  }
}

TEST(ImageSourceHttpCache, FailedDownloadsAreNotCached) {
  StockPhotoServer server(kApiKey);
  server.add_file("page.jpg", {200, "text/html", "<html>log in first</html>"});
  const std::string params = "provider: http\nwidth: 180\nheight: 320\nurls: [" + server.file_url("page.jpg") + "]\n";
  TempDir cache("image-source-cache");
  StageHarness harness;
  harness.set_cache_dir(cache.path());
  EXPECT_FALSE(harness.run("image_source", params, {{"scenes", make_scenes(1)}}).status.is_ok());
  EXPECT_FALSE(harness.run("image_source", params, {{"scenes", make_scenes(1)}}).status.is_ok());
  EXPECT_EQ(server.downloads().size(), 2u) << "the bad body was fetched again, not served from the cache";
  EXPECT_TRUE(file_names_under(cache.path()).empty()) << "no entry and no leftover partial download";
}

}  // namespace
}  // namespace reelflow::image_source::testing
