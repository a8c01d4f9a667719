// providers: [openai, stock, generated] — each scene takes the first provider that
// gives it a picture, against real local servers for the images API and the
// stock-photo search.
#include "image_source_test_support.hpp"
#include "openai_images_server.hpp"
#include "stock_photo_server.hpp"

#include <stage_harness.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace reelflow::image_source::testing {
namespace {

using reelflow::testing::StageHarness;

constexpr const char* kOpenAiKey = "sk-openai-chain-K3y";
constexpr const char* kStockKey = "pexels-chain-K3y";
const cv::Scalar kPurple(160, 40, 140), kGreen(40, 200, 40);
const std::vector<std::string> kVisuals = {"a red fox", "a green field", "a blue sea"};

// A stock server that has a green photo for every visual.
void add_green_photos(StockPhotoServer& stock) {
  stock.add_file("green.jpg", {200, "image/jpeg", encoded(solid_picture(400, 700, kGreen), ".jpg")});
  for (const auto& visual : kVisuals) stock.add_photo(visual, "green.jpg");
}

std::string chain_params(const OpenAiImagesServer& openai, const StockPhotoServer& stock, const std::string& chain,
                         const std::string& openai_key = kOpenAiKey) {
  return "providers: " + chain + "\nopenai_base_url: " + openai.base_url() + "\nopenai_api_key: " + openai_key +
         "\nsearch_url: " + stock.search_url() + "\napi_key: " + kStockKey +
         "\nwidth: 180\nheight: 320\nmax_attempts: 2\n";
}

std::vector<cv::Scalar> colours_of(const std::vector<std::filesystem::path>& images) {
  std::vector<cv::Scalar> colours;
  for (const auto& file : images) colours.push_back(mean_colour(decode(file)));
  return colours;
}

std::vector<std::string> warnings_of(const reelflow::testing::StageRun& run) {
  std::vector<std::string> warnings;
  for (const auto& line : run.log_lines)
    if (line.find("provider '") != std::string::npos && line.find("failed") != std::string::npos)
      warnings.push_back(line);
  return warnings;
}

TEST(ImageSourceChain, AServerErrorOnScene2FallsBackToStockForThatSceneOnly) {
  OpenAiImagesServer openai(kOpenAiKey, kPurple);
  openai.fail_prompts_containing("a green field", 500);
  StockPhotoServer stock(kStockKey);
  add_green_photos(stock);

  StageHarness harness;
  const auto run = harness.run("image_source", chain_params(openai, stock, "[openai, stock, generated]"),
                               {{"scenes", make_scenes(kVisuals)}});
  const auto colours = colours_of(images_of(run));
  ASSERT_EQ(colours.size(), 3u);
  EXPECT_TRUE(colour_near(colours[0], kPurple, 8.0)) << colours[0];
  EXPECT_TRUE(colour_near(colours[1], kGreen, 8.0)) << colours[1];
  EXPECT_TRUE(colour_near(colours[2], kPurple, 8.0)) << colours[2];
  EXPECT_EQ(run.output_as<Text>("sources").text, "openai\nstock\nopenai\n");

  EXPECT_EQ(openai.generations().size(), 4u) << "scene 2 is tried twice (max_attempts: 2), the others once";
  ASSERT_EQ(stock.searches().size(), 1u) << "only scene 2 asks the stock search";
  EXPECT_EQ(stock.searches()[0].query, "a green field");

  const auto warnings = warnings_of(run);
  ASSERT_EQ(warnings.size(), 1u) << everything_said(run);
  EXPECT_NE(warnings[0].find("scene 2: provider 'openai' failed (image generation: HTTP 500"), std::string::npos)
      << warnings[0];
  EXPECT_NE(warnings[0].find("trying 'stock'"), std::string::npos) << warnings[0];
  const std::string said = everything_said(run);
  EXPECT_EQ(said.find(kOpenAiKey), std::string::npos) << said;
  EXPECT_EQ(said.find(kStockKey), std::string::npos) << said;
}

TEST(ImageSourceChain, ARefusedKeyDisablesOpenAiForTheRestOfTheRun) {
  OpenAiImagesServer openai(kOpenAiKey, kPurple);
  StockPhotoServer stock(kStockKey);
  add_green_photos(stock);

  StageHarness harness;
  const auto run = harness.run("image_source",
                               chain_params(openai, stock, "[openai, stock, generated]", "sk-revoked-key"),
                               {{"scenes", make_scenes(kVisuals)}});
  const auto colours = colours_of(images_of(run));
  ASSERT_EQ(colours.size(), 3u);
  for (const auto& colour : colours) EXPECT_TRUE(colour_near(colour, kGreen, 8.0)) << colour;
  EXPECT_EQ(run.output_as<Text>("sources").text, "stock\nstock\nstock\n");

  EXPECT_EQ(openai.generations().size(), 1u) << "a refused key is sent exactly once";
  EXPECT_EQ(stock.searches().size(), 3u);
  const auto warnings = warnings_of(run);
  ASSERT_EQ(warnings.size(), 1u) << everything_said(run);
  EXPECT_NE(warnings[0].find("the server refused the credentials (HTTP 401)"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("not asking it again in this run"), std::string::npos) << warnings[0];
  EXPECT_EQ(everything_said(run).find("sk-revoked-key"), std::string::npos) << everything_said(run);
}

TEST(ImageSourceChain, GeneratedCatchesWhatTheOthersCannotGive) {
  OpenAiImagesServer openai(kOpenAiKey, kPurple);
  openai.fail_prompts_containing("a blue sea", 400);
  StockPhotoServer stock(kStockKey);  // no photos at all

  StageHarness harness;
  const auto run = harness.run("image_source", chain_params(openai, stock, "[openai, stock, generated]"),
                               {{"scenes", make_scenes(kVisuals)}});
  ASSERT_EQ(images_of(run).size(), 3u);
  EXPECT_EQ(run.output_as<Text>("sources").text, "openai\nopenai\ngenerated\n");
  const auto warnings = warnings_of(run);
  ASSERT_EQ(warnings.size(), 2u) << everything_said(run);
  EXPECT_NE(warnings[1].find("scene 3: provider 'stock' failed (image search for 'a blue sea': no photos found)"),
            std::string::npos)
      << warnings[1];
}

TEST(ImageSourceChain, AllProvidersFailingIsOneClearError) {
  OpenAiImagesServer openai(kOpenAiKey, kPurple);
  openai.fail_prompts_containing("a", 503);
  StockPhotoServer stock(kStockKey);  // no photos at all

  StageHarness harness;
  const auto run = harness.run("image_source", chain_params(openai, stock, "[openai, stock]"),
                               {{"scenes", make_scenes(kVisuals)}});
  ASSERT_FALSE(run.status.is_ok());
  const std::string& message = run.status.message();
  EXPECT_EQ(message.rfind("scene 1: no provider gave a picture: openai: image generation: HTTP 503", 0), 0u)
      << message;
  EXPECT_NE(message.find("; stock: image search for 'a red fox': no photos found"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(run.outputs.count("images"), 0u);
  EXPECT_EQ(openai.generations().size(), 2u) << "the stage stops at the first scene nothing could illustrate";
}

TEST(ImageSourceChain, SingleProviderStillWorks) {
  StockPhotoServer stock(kStockKey);
  add_green_photos(stock);
  StageHarness harness;
  const auto run = harness.run("image_source",
                               "provider: stock\nsearch_url: " + stock.search_url() + "\napi_key: " + kStockKey +
                                   "\nwidth: 180\nheight: 320\n",
                               {{"scenes", make_scenes(kVisuals)}});
  const auto colours = colours_of(images_of(run));
  ASSERT_EQ(colours.size(), 3u);
  for (const auto& colour : colours) EXPECT_TRUE(colour_near(colour, kGreen, 8.0)) << colour;
  EXPECT_EQ(run.output_as<Text>("sources").text, "stock\nstock\nstock\n");
}

}  // namespace
}  // namespace reelflow::image_source::testing
