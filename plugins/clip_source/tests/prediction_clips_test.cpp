// provider: prediction — a Replicate-style long-running API against a real local
// server: created, polled with backoff, its output downloaded without the token; a
// failed prediction, a 429 with Retry-After, one that never finishes, a refused token.
#include "clip_test_support.hpp"
#include "prediction_server.hpp"

#include <local_http_server.hpp>

#include <source_kit/base64.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <mutex>

namespace reelflow::clip_source::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;
using Outcome = PredictionServer::Outcome;

constexpr const char* kToken = "r8_test_T0ken_s3cret";

class ClipSourcePrediction : public ::testing::Test {
 protected:
  std::string params(const std::string& token = kToken) const {
    return "provider: prediction\nprediction_base_url: " + server_.base_url() +
           "\nprediction_model: acme/video-1\nprediction_api_key: " + token + "\npoll_s: 0.05\ncache: false\n";
  }
  TempDir dir_;
  PredictionServer server_{kToken, clip_bytes(dir_.path(), "out.mp4", 0.4, 36, 64)};
};

TEST_F(ClipSourcePrediction, TextToVideoIsCreatedPolledAndItsOutputDownloaded) {
  server_.set_outcome(Outcome::Succeed, 3);
  StageHarness harness;
  const auto run = harness.run("clip_source", params(), {{"scenes", make_scenes({"a lighthouse in a storm"})}});
  const auto clips = clips_of(run);
  ASSERT_EQ(clips.size(), 1u);
  EXPECT_EQ(clips[0].width, 36);
  EXPECT_NEAR(clips[0].duration_s, 0.4, 0.1);
  EXPECT_EQ(sources_of(run), std::vector<std::string>{"prediction"});
  ASSERT_EQ(server_.created().size(), 1u);
  const auto body = nlohmann::json::parse(server_.created()[0].body);
  EXPECT_EQ(body.at("model"), "acme/video-1");
  EXPECT_FALSE(body.contains("version"));
  EXPECT_EQ(body.at("input").at("prompt"), "a lighthouse in a storm");
  EXPECT_FALSE(body.at("input").contains("image"));
  EXPECT_EQ(server_.created()[0].authorization, std::string("Bearer ") + kToken);
  EXPECT_EQ(server_.poll_times().size(), 3u);
  EXPECT_EQ(server_.downloads(), 1) << "the output is fetched once, without the token (the server refuses one)";
}

TEST_F(ClipSourcePrediction, AScenePictureIsSentForImageToVideoWithTheVersion) {
  const std::string picture_bytes = "\xff\xd8\xff fake jpeg bytes";
  std::ofstream(dir_.path() / "scene-001.jpg", std::ios::binary) << picture_bytes;
  StageHarness harness;
  const auto run = harness.run("clip_source", params() + "prediction_version: 5c7d5dc6dd8bf75c\n",
                               {{"scenes", make_scenes({"a red fox"})},
                                {"images", ImageSet{{dir_.path() / "scene-001.jpg"}}}});
  ASSERT_EQ(clips_of(run).size(), 1u);
  const auto body = nlohmann::json::parse(server_.created().at(0).body);
  EXPECT_EQ(body.at("version"), "5c7d5dc6dd8bf75c");
  EXPECT_FALSE(body.contains("model"));
  const std::string image = body.at("input").at("image");
  EXPECT_EQ(image, "data:image/jpeg;base64," + reelflow::source_kit::base64_encode(picture_bytes));
}

TEST_F(ClipSourcePrediction, AFailedPredictionIsAClearErrorWithTheApisReason) {
  server_.set_outcome(Outcome::Fail, 2, "CUDA out of memory");
  StageHarness harness;
  const auto run = harness.run("clip_source", params(), {{"scenes", make_scenes({"a red fox"})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_EQ(run.status.message(), "scene 1: clip prediction p1 failed: CUDA out of memory");
  EXPECT_EQ(server_.downloads(), 0);
}

TEST_F(ClipSourcePrediction, A429OnAPollWaitsForItsRetryAfter) {
  server_.set_outcome(Outcome::Succeed, 2);
  server_.throttle_first_poll(1);
  StageHarness harness;
  const auto run = harness.run("clip_source", params(), {{"scenes", make_scenes({"a red fox"})}});
  ASSERT_EQ(clips_of(run).size(), 1u);
  const auto polls = server_.poll_times();
  ASSERT_GE(polls.size(), 2u);
  EXPECT_GE(polls[1] - polls[0], 0.9) << "Retry-After: 1 respected";
}

TEST_F(ClipSourcePrediction, APredictionThatNeverFinishesStopsAtTheBoundAndIsCancelled) {
  server_.set_outcome(Outcome::NeverFinish);
  StageHarness harness;
  const auto started = std::chrono::steady_clock::now();
  const auto run = harness.run("clip_source", params() + "max_wait_s: 1\npoll_s: 0.1\n",
                               {{"scenes", make_scenes({"a red fox"})}});
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_EQ(run.status.message(),
            "scene 1: clip prediction p1 did not finish within 1 s (max_wait_s; last status 'processing')");
  EXPECT_LT(took, 5.0);
  // Backoff: 0.1, 0.15, 0.225, ... s apart, so a handful of polls in a second, not dozens.
  EXPECT_GE(server_.poll_times().size(), 3u);
  EXPECT_LE(server_.poll_times().size(), 8u);
  EXPECT_EQ(server_.cancels(), 1);
}

TEST_F(ClipSourcePrediction, APollUrlOnAnotherOriginNeverGetsTheToken) {
  reelflow::testing::LocalHttpServer elsewhere;
  std::vector<std::string> authorizations;
  std::mutex mutex;
  elsewhere.server().Get(R"(/.*)", [&](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex);
    authorizations.push_back(request.get_header_value("Authorization"));
    response.set_content(R"({"id": "p1", "status": "processing"})", "application/json");
  });
  elsewhere.start();
  server_.poll_at(elsewhere.url("/v1/predictions/p1"));
  StageHarness harness;
  const auto run = harness.run("clip_source", params() + "max_wait_s: 2\n", {{"scenes", make_scenes({"a red fox"})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("its poll URL '" + elsewhere.url("/v1/predictions/p1") + "' is not on"),
            std::string::npos)
      << run.status.message();
  std::lock_guard lock(mutex);
  EXPECT_TRUE(authorizations.empty()) << "the other server was asked " << authorizations.size() << " times";
}

TEST_F(ClipSourcePrediction, ARefusedTokenIsSentOnceAndNeverShown) {
  StageHarness harness;
  const auto run = harness.run("clip_source", params("r8_wrong_T0ken"), {{"scenes", make_scenes({"a red fox"})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_EQ(server_.created().size(), 1u) << "401 is not retried";
  EXPECT_NE(run.status.message().find("the server refused the credentials (HTTP 401)"), std::string::npos)
      << run.status.message();
  EXPECT_EQ(everything_said(run).find("r8_wrong_T0ken"), std::string::npos) << everything_said(run);
}

}  // namespace
}  // namespace reelflow::clip_source::testing
