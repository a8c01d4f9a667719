// provider: http — stock-photo search and plain URLs over real HTTP, with an on-disk cache.
#include "image_source_test_support.hpp"
#include "stock_photo_server.hpp"

#include <stage_harness.hpp>

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

namespace reelflow::image_source::testing {
namespace {

using reelflow::testing::StageHarness;

constexpr const char* kApiKey = "pexels-test-key-5eCr3t";
const cv::Scalar kRed(40, 40, 220), kGreen(40, 200, 40), kBlue(220, 60, 30);

StockPhotoServer::File jpeg_of(const cv::Scalar& colour, int width = 400, int height = 300) {
  return {200, "image/jpeg", encoded(solid_picture(width, height, colour), ".jpg")};
}

std::string search_params(const StockPhotoServer& server, const std::string& api_key = kApiKey) {
  return "provider: http\nsearch_url: " + server.search_url() + "\napi_key: " + api_key +
         "\nwidth: 180\nheight: 320\n";
}

std::string url_params(const std::vector<std::string>& urls, const std::string& extra = "") {
  std::string yaml = "provider: http\nwidth: 180\nheight: 320\nurls:\n";
  for (const auto& url : urls) yaml += "  - " + url + "\n";
  return yaml + extra;
}

void expect_colours(const std::vector<std::filesystem::path>& images, const std::vector<cv::Scalar>& colours) {
  ASSERT_EQ(images.size(), colours.size());
  for (std::size_t i = 0; i < images.size(); ++i) {
    const cv::Mat image = decode(images[i]);
    ASSERT_FALSE(image.empty()) << images[i];
    EXPECT_EQ(image.cols, 180);
    EXPECT_EQ(image.rows, 320);
    EXPECT_TRUE(colour_near(mean_colour(image), colours[i], 8.0)) << "scene " << i + 1 << ": " << mean_colour(image);
  }
}

TEST(ImageSourceHttp, SearchesEachSceneThenDownloadsTheLargestPhoto) {
  StockPhotoServer server(kApiKey);
  server.add_file("fox.jpg", jpeg_of(kRed, 800, 600));
  server.add_file("fox-small.jpg", jpeg_of(kBlue));
  server.add_file("field.jpg", jpeg_of(kGreen, 300, 900));
  server.add_file("sea.jpg", jpeg_of(kBlue, 500, 500));
  server.add_photo("a red fox", "fox.jpg", "fox-small.jpg");
  server.add_photo("green field & sky", "field.jpg");
  server.add_photo("blue sea", "sea.jpg");

  StageHarness harness;
  const auto run = harness.run("image_source", search_params(server),
                               {{"scenes", make_scenes({"a red fox", "green field & sky", "blue sea"})}});
  expect_colours(images_of(run), {kRed, kGreen, kBlue});

  const auto searches = server.searches();
  ASSERT_EQ(searches.size(), 3u);
  const char* queries[] = {"a red fox", "green field & sky", "blue sea"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(searches[i].query, queries[i]);
    EXPECT_EQ(searches[i].per_page, "1");
    EXPECT_EQ(searches[i].orientation, "portrait");
    EXPECT_EQ(searches[i].authorization, kApiKey);
  }
  EXPECT_EQ(server.downloads(), (std::vector<std::string>{"fox.jpg", "field.jpg", "sea.jpg"}));
  EXPECT_EQ(everything_said(run).find(kApiKey), std::string::npos) << everything_said(run);
}

TEST(ImageSourceHttp, OrientationFollowsTheImageSize) {
  StockPhotoServer server(kApiKey);
  server.add_file("sea.jpg", jpeg_of(kBlue));
  server.add_photo("blue sea", "sea.jpg");
  StageHarness harness;
  const auto run = harness.run("image_source", search_params(server) + "width: 320\nheight: 180\n",
                               {{"scenes", make_scenes({"blue sea"})}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  ASSERT_EQ(server.searches().size(), 1u);
  EXPECT_EQ(server.searches()[0].orientation, "landscape");
}

TEST(ImageSourceHttp, SameRequestInOneRunIsServedFromTheDiskCache) {
  StockPhotoServer server(kApiKey);
  server.add_file("fox.jpg", jpeg_of(kRed));
  server.add_file("sea.jpg", jpeg_of(kBlue));
  server.add_photo("a red fox", "fox.jpg");
  server.add_photo("blue sea", "sea.jpg");
  StageHarness harness;
  const auto run = harness.run("image_source", search_params(server),
                               {{"scenes", make_scenes({"a red fox", "blue sea", "a red fox", "blue sea"})}});
  expect_colours(images_of(run), {kRed, kBlue, kRed, kBlue});
  EXPECT_EQ(server.searches().size(), 2u);
  EXPECT_EQ(server.downloads(), (std::vector<std::string>{"fox.jpg", "sea.jpg"}));
}

TEST(ImageSourceHttp, UrlsAreUsedInTurnWithoutSearching) {
  StockPhotoServer server(kApiKey);
  server.add_file("red.jpg", jpeg_of(kRed));
  server.add_file("green.png", {200, "image/png", encoded(solid_picture(300, 200, kGreen), ".png")});
  StageHarness harness;
  const auto run = harness.run("image_source", url_params({server.file_url("red.jpg"), server.file_url("green.png")}),
                               {{"scenes", make_scenes(3)}});
  expect_colours(images_of(run), {kRed, kGreen, kRed});
  EXPECT_TRUE(server.searches().empty());
  EXPECT_EQ(server.downloads(), (std::vector<std::string>{"red.jpg", "green.png"})) << "scene 3 reuses red.jpg";
}

TEST(ImageSourceHttp, CacheOffDownloadsEveryTime) {
  StockPhotoServer server(kApiKey);
  server.add_file("red.jpg", jpeg_of(kRed));
  StageHarness harness;
  const auto run = harness.run("image_source", url_params({server.file_url("red.jpg")}, "cache: false\n"),
                               {{"scenes", make_scenes(3)}});
  expect_colours(images_of(run), {kRed, kRed, kRed});
  EXPECT_EQ(server.downloads().size(), 3u);
}

TEST(ImageSourceHttp, ServerErrorsAreRetriedUpToMaxAttempts) {
  StockPhotoServer server(kApiKey);
  server.add_file("red.jpg", jpeg_of(kRed));
  server.fail_first("red.jpg", 1);
  StageHarness harness;
  const auto retried = harness.run("image_source", url_params({server.file_url("red.jpg")}), {{"scenes", make_scenes(1)}});
  expect_colours(images_of(retried), {kRed});
  EXPECT_EQ(server.downloads().size(), 2u);

  server.fail_first("red.jpg", 1);
  const auto once = harness.run("image_source", url_params({server.file_url("red.jpg")}, "max_attempts: 1\n"),
                                {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(once.status.is_ok());
  EXPECT_NE(once.status.message().find("HTTP 503"), std::string::npos) << once.status.message();
  EXPECT_EQ(server.downloads().size(), 3u);
}

TEST(ImageSourceHttp, MissingImageIsAClearError) {
  StockPhotoServer server(kApiKey);
  StageHarness harness;
  const auto run = harness.run("image_source", url_params({server.file_url("missing.jpg")}), {{"scenes", make_scenes(2)}});
  ASSERT_FALSE(run.status.is_ok());
  const auto& message = run.status.message();
  EXPECT_NE(message.find("scene 1"), std::string::npos) << message;
  EXPECT_NE(message.find("HTTP 404"), std::string::npos) << message;
  EXPECT_NE(message.find("/files/missing.jpg"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
  EXPECT_EQ(server.downloads().size(), 1u) << "a 404 is not retried";
  EXPECT_EQ(run.outputs.count("images"), 0u);
}

TEST(ImageSourceHttp, BodyThatIsNotAnImageIsAClearError) {
  StockPhotoServer server(kApiKey);
  server.add_file("page.jpg", {200, "text/html", "<html><body>Please log in</body></html>"});
  StageHarness harness;
  const auto run = harness.run("image_source", url_params({server.file_url("page.jpg")}), {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("/files/page.jpg"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("cannot be decoded"), std::string::npos) << run.status.message();
}

TEST(ImageSourceHttp, DownloadOverTheByteLimitIsRefused) {
  StockPhotoServer server(kApiKey);
  cv::Mat noise(300, 300, CV_8UC3);
  cv::randu(noise, 0, 255);  // incompressible: well over 4 KiB as JPEG
  server.add_file("big.jpg", {200, "image/jpeg", encoded(noise, ".jpg")});
  StageHarness harness;
  const auto run = harness.run("image_source", url_params({server.file_url("big.jpg")}, "max_image_bytes: 4096\n"),
                               {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("larger than 4096 bytes"), std::string::npos) << run.status.message();
}

TEST(ImageSourceHttp, ImplausibleDimensionsAreRefused) {
  StockPhotoServer server(kApiKey);
  server.add_file("wide.png", {200, "image/png", encoded(cv::Mat(2, 12001, CV_8UC3, kRed), ".png")});
  StageHarness harness;
  const auto run = harness.run("image_source", url_params({server.file_url("wide.png")}), {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("12001x2 px"), std::string::npos) << run.status.message();
}

TEST(ImageSourceHttp, SearchWithoutResultsIsAClearError) {
  StockPhotoServer server(kApiKey);
  StageHarness harness;
  const auto run = harness.run("image_source", search_params(server), {{"scenes", make_scenes({"a purple unicorn"})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("'a purple unicorn'"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("no photos found"), std::string::npos) << run.status.message();
  EXPECT_TRUE(server.downloads().empty());
}

TEST(ImageSourceHttp, RejectedKeyIsNeverRepeated) {
  const std::string wrong_key = "wrong-key-Zq81xx";
  StockPhotoServer server(kApiKey);  // its 401 reply echoes the key it got
  StageHarness harness;
  const auto run = harness.run("image_source", search_params(server, wrong_key), {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("HTTP 401"), std::string::npos) << run.status.message();
  ASSERT_EQ(server.searches().size(), 1u);
  EXPECT_EQ(server.searches()[0].authorization, wrong_key);
  EXPECT_EQ(everything_said(run).find(wrong_key), std::string::npos) << everything_said(run);
}

TEST(ImageSourceHttp, NeedsUrlsOrASearchUrl) {
  StageHarness harness;
  const auto run = harness.run("image_source", "provider: http\n", {{"scenes", make_scenes(1)}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("search_url"), std::string::npos) << run.status.message();
}

}  // namespace
}  // namespace reelflow::image_source::testing
