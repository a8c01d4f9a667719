// target: tiktok — against a server that speaks TikTok's Content Posting API
// (init, chunked upload, status polling) and enforces its chunk rules.
#include "fake_tiktok_server.hpp"
#include "platform_test_fixture.hpp"

namespace reelflow::uploader::testing {
namespace {

constexpr const char* kToken = "act.fake-tiktok-token-0002";

class UploaderTikTok : public PlatformUploadTest {
 protected:
  reelflow::testing::StageRun publish(int chunk_mb = 5) {
    return upload("target: tiktok\napi_base_url: " + tiktok_.base_url() + "\naccess_token: \"" + kToken +
                  "\"\ntiktok_chunk_mb: " + std::to_string(chunk_mb) + "\npoll_interval_s: 0.01\n");
  }

  FakeTikTokServer tiktok_{kToken};
};

// 11 MiB + 7 bytes in 5 MiB chunks: floor(size / chunk) = 2 chunks, the last one
// taking the remainder (6 MiB + 7).
TEST_F(UploaderTikTok, UploadsTheChunksAndWaitsForPublishComplete) {
  make_source((11u << 20) + 7);
  auto run = publish(5);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(location_of(run), "https://www.tiktok.com/@/video/" + std::to_string(FakeTikTokServer::kPostId));
  EXPECT_EQ(tiktok_.problems(), std::vector<std::string>{});
  EXPECT_EQ(sha256_hex_of(tiktok_.uploaded()), sha256_hex_of(bytes_));
  EXPECT_EQ(tiktok_.ranges(),
            (std::vector<std::string>{"bytes 0-5242879/11534343", "bytes 5242880-11534342/11534343"}));
  const auto body = tiktok_.init_body();
  EXPECT_EQ(body["post_info"]["title"], "How honey bees make honey #HoneyBees #honey #bees");
  EXPECT_EQ(body["post_info"]["privacy_level"], "SELF_ONLY");
  EXPECT_EQ(body["source_info"]["chunk_size"], 5242880);
  EXPECT_EQ(body["source_info"]["total_chunk_count"], 2);
  EXPECT_GE(tiktok_.status_polls(), 3);  // PROCESSING_DOWNLOAD twice before PUBLISH_COMPLETE
  expect_never_shown(run, kToken);
}

TEST_F(UploaderTikTok, AVideoUnder5MBGoesAsOneChunk) {
  make_source(1u << 20);
  auto run = publish(10);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(tiktok_.problems(), std::vector<std::string>{});
  EXPECT_EQ(tiktok_.ranges(), std::vector<std::string>{"bytes 0-1048575/1048576"});
  EXPECT_EQ(tiktok_.init_body()["source_info"]["chunk_size"], 1048576);
  EXPECT_EQ(sha256_hex_of(tiktok_.uploaded()), sha256_hex_of(bytes_));
}

// The fake holds TikTok's chunk rules, so the plans above passed a real check: a plan
// that breaks them (4 MB chunks) is refused with invalid_params.
TEST_F(UploaderTikTok, TheServerRefusesAChunkPlanAgainstTikToksRules) {
  httplib::Client client(tiktok_.base_url());
  nlohmann::json body = {
      {"post_info", {{"title", "t"}, {"privacy_level", "SELF_ONLY"}}},
      {"source_info",
       {{"source", "FILE_UPLOAD"}, {"video_size", 12000000}, {"chunk_size", 4000000}, {"total_chunk_count", 3}}}};
  auto reply = client.Post("/v2/post/publish/video/init/", {{"Authorization", std::string("Bearer ") + kToken}},
                           body.dump(), "application/json; charset=UTF-8");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_NE(reply->body.find("invalid_params"), std::string::npos) << reply->body;
}

// And the stage never sends such a plan: a chunk size outside 5-61 MiB fails validation.
TEST_F(UploaderTikTok, AChunkSizeOutsideTikToksRangeIsRefusedBeforeAnyRequest) {
  struct P {
    reelflow::testing::StageRun* r = nullptr;
  };
  make_source(1u << 20);
  auto run = publish(4);
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("tiktok_chunk_mb"), std::string::npos) << run.status.message();
  EXPECT_TRUE(tiktok_.init_body().is_null());
  EXPECT_TRUE(tiktok_.ranges().empty());
}

TEST_F(UploaderTikTok, AFailedPublishNamesTheReason) {
  make_source(1u << 20);
  tiktok_.fail_publish("file_format_check_failed");
  auto run = publish();
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("uploader (tiktok): TikTok publish v_pub_file~v2-1.7301234567890 FAILED: "
                                      "file_format_check_failed"),
            std::string::npos)
      << run.status.message();
  EXPECT_EQ(sha256_hex_of(tiktok_.uploaded()), sha256_hex_of(bytes_));  // it failed after the upload, in processing
}

TEST_F(UploaderTikTok, AnErrorCodeFromInitIsReportedWithItsMessage) {
  struct P {
    reelflow::testing::StageRun* r = nullptr;
  };
  make_source(1u << 20);
  tiktok_.refuse_init(400, "spam_risk_too_many_posts", "The daily post cap for this account is reached.");
  auto run = publish();
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("/v2/post/publish/video/init/: HTTP 400 spam_risk_too_many_posts: The daily "
                                      "post cap for this account is reached. (1 attempt)"),
            std::string::npos)
      << run.status.message();
  EXPECT_TRUE(tiktok_.ranges().empty());
  expect_never_shown(run, kToken);
}

}  // namespace
}  // namespace reelflow::uploader::testing
