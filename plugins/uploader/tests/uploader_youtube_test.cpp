// target: youtube — against a server that speaks the YouTube Data API v3
// resumable-upload protocol strictly, including its interruptions.
#include "fake_youtube_server.hpp"
#include "platform_test_fixture.hpp"

namespace reelflow::uploader::testing {
namespace {

constexpr const char* kToken = "ya29.fake-youtube-token-0001";

class UploaderYouTube : public PlatformUploadTest {
 protected:
  void SetUp() override { make_source(1024 * 1024 + 12345); }  // four 256 KiB chunks and a short last one

  reelflow::testing::StageRun publish(const std::string& extra = {}, const std::string& token = kToken,
                                      int chunk_kb = 256) {
    return upload("target: youtube\napi_base_url: " + youtube_.base_url() + "\naccess_token: \"" + token +
                  "\"\nyoutube_chunk_kb: " + std::to_string(chunk_kb) + "\n" + extra);
  }

  FakeYouTubeServer youtube_{kToken};
};

TEST_F(UploaderYouTube, UploadsInChunksWithTheScriptsMetadata) {
  auto run = publish();
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(location_of(run), "https://youtu.be/" + std::string(FakeYouTubeServer::kVideoId));
  EXPECT_EQ(youtube_.problems(), std::vector<std::string>{});
  EXPECT_EQ(sha256_hex_of(youtube_.uploaded()), sha256_hex_of(bytes_));
  EXPECT_EQ(youtube_.ranges(), (std::vector<std::string>{"bytes 0-262143/1060921", "bytes 262144-524287/1060921",
                                                         "bytes 524288-786431/1060921", "bytes 786432-1048575/1060921",
                                                         "bytes 1048576-1060920/1060921"}));

  const auto resource = youtube_.resource();
  EXPECT_EQ(resource["snippet"]["title"], "How honey bees make honey");
  EXPECT_EQ(resource["snippet"]["description"], "Nectar in, honey out: the hive's kitchen.\n\n#HoneyBees #honey #bees");
  EXPECT_EQ(resource["snippet"]["tags"], (nlohmann::json{"HoneyBees", "honey", "bees"}));
  EXPECT_EQ(resource["snippet"]["categoryId"], "22");
  EXPECT_EQ(resource["status"]["privacyStatus"], "private");  // never public unless the graph says so
  expect_never_shown(run, kToken);
}

TEST_F(UploaderYouTube, WithoutMetadataTheTitleIsTheFileNameAndPrivacyIsTheParam) {
  auto run = upload("target: youtube\napi_base_url: " + youtube_.base_url() + "\naccess_token: \"" + kToken +
                        "\"\nyoutube_privacy: unlisted\n",
                    /*with_publishing=*/false);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(youtube_.ranges(), std::vector<std::string>{"bytes 0-1060920/1060921"});  // one 8 MiB chunk holds it
  EXPECT_EQ(youtube_.resource()["snippet"]["title"], "clip");
  EXPECT_EQ(youtube_.resource()["status"]["privacyStatus"], "unlisted");
  EXPECT_EQ(sha256_hex_of(youtube_.uploaded()), sha256_hex_of(bytes_));
}

// The connection drops in the middle of chunk 2 after 100 000 bytes got through: the
// uploader asks the session, which reports bytes=0-362143, and goes on from 362144.
TEST_F(UploaderYouTube, ADroppedChunkResumesFromTheRangeTheSessionReports) {
  youtube_.drop_connection_in_chunk(2, 100000);
  auto run = publish();
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(youtube_.problems(), std::vector<std::string>{});
  EXPECT_EQ(sha256_hex_of(youtube_.uploaded()), sha256_hex_of(bytes_));
  const auto ranges = youtube_.ranges();
  ASSERT_GE(ranges.size(), 4u);
  EXPECT_EQ(ranges[1], "bytes 262144-524287/1060921");
  EXPECT_EQ(ranges[2], "bytes */1060921");              // the status query
  EXPECT_EQ(ranges[3], "bytes 362144-624287/1060921");  // resumed where the session stands
  EXPECT_EQ(youtube_.init_requests(), 1);               // the same session throughout
}

TEST_F(UploaderYouTube, AServerErrorIsFollowedByAStatusQueryNotABlindResend) {
  youtube_.fail_chunk(3, 503);
  auto run = publish();
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(sha256_hex_of(youtube_.uploaded()), sha256_hex_of(bytes_));
  const auto ranges = youtube_.ranges();
  ASSERT_GE(ranges.size(), 5u);
  EXPECT_EQ(ranges[2], "bytes 524288-786431/1060921");
  EXPECT_EQ(ranges[3], "bytes */1060921");
  EXPECT_EQ(ranges[4], "bytes 524288-786431/1060921");
}

// A session that never gains a byte: max_attempts interruptions in a row end the upload.
TEST_F(UploaderYouTube, InterruptionsWithoutProgressEndAfterMaxAttempts) {
  youtube_.fail_chunk(2, 503, 100);
  auto run = publish("max_attempts: 3\n");
  ASSERT_FALSE(run.status.is_ok());
  const std::string& message = run.status.message();
  EXPECT_NE(message.find("PUT bytes 262144-524287: HTTP 503 backend error (1 attempt) (3 tries in a row without "
                         "progress)"),
            std::string::npos)
      << message;
  EXPECT_EQ(youtube_.ranges(),
            (std::vector<std::string>{"bytes 0-262143/1060921", "bytes 262144-524287/1060921", "bytes */1060921",
                                      "bytes 262144-524287/1060921", "bytes */1060921",
                                      "bytes 262144-524287/1060921"}));
  EXPECT_TRUE(youtube_.uploaded().empty());
}

TEST_F(UploaderYouTube, ARefusedTokenFailsAtOnceWithAClearMessage) {
  struct P {
    reelflow::testing::StageRun* r = nullptr;
  };
  auto run = publish("max_attempts: 3\n", "ya29.revoked-token-9999");
  ASSERT_FALSE(run.status.is_ok());
  const std::string& message = run.status.message();
  EXPECT_NE(message.find("uploader (youtube): POST " + youtube_.base_url() +
                         "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status: the server refused "
                         "the credentials (HTTP 401 Request had invalid authentication credentials."),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("(1 attempt)"), std::string::npos) << message;
  EXPECT_EQ(youtube_.init_requests(), 1);  // not retried
  EXPECT_TRUE(youtube_.ranges().empty());
  expect_never_shown(run, "ya29.revoked-token-9999");
}

TEST_F(UploaderYouTube, ChunkSizeMustBeAMultipleOf256KiB) {
  auto run = publish({}, kToken, 300);
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("param 'youtube_chunk_kb' = 300 is not a multiple of 256"), std::string::npos)
      << run.status.message();
  EXPECT_EQ(youtube_.init_requests(), 0);
}

TEST_F(UploaderYouTube, WithoutATokenNothingIsSent) {
  auto run = publish({}, "");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("target 'youtube' needs param 'access_token' (set it to "
                                      "\"${env:YOUTUBE_ACCESS_TOKEN}\")"),
            std::string::npos)
      << run.status.message();
  EXPECT_EQ(youtube_.init_requests(), 0);
}

}  // namespace
}  // namespace reelflow::uploader::testing
