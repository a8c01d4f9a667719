// target: instagram — against a server that speaks the Graph API's Reels
// publishing with a resumable upload: container, rupload, status, publish.
#include "fake_instagram_server.hpp"
#include "platform_test_fixture.hpp"

namespace reelflow::uploader::testing {
namespace {

constexpr const char* kToken = "IGQfake-instagram-token-0003";

class UploaderInstagram : public PlatformUploadTest {
 protected:
  void SetUp() override { make_source(1u << 20); }

  reelflow::testing::StageRun publish(const std::string& extra = {}) {
    return upload("target: instagram\napi_base_url: " + instagram_.base_url() + "\naccess_token: \"" + kToken +
                  "\"\ninstagram_user_id: \"" + FakeInstagramServer::kUserId + "\"\npoll_interval_s: 0.01\n" + extra);
  }

  FakeInstagramServer instagram_{kToken};
};

TEST_F(UploaderInstagram, PublishesAReelAndOutputsItsPermalink) {
  auto run = publish();
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(location_of(run), FakeInstagramServer::kPermalink);
  EXPECT_EQ(instagram_.problems(), std::vector<std::string>{});
  EXPECT_EQ(sha256_hex_of(instagram_.uploaded()), sha256_hex_of(bytes_));
  EXPECT_EQ(instagram_.container_request()["caption"], "How honey bees make honey\n\n#HoneyBees #honey #bees");
  EXPECT_GE(instagram_.status_polls(), 3);  // IN_PROGRESS twice, then FINISHED
  EXPECT_EQ(instagram_.publish_requests(), 1);
  expect_never_shown(run, kToken);
}

TEST_F(UploaderInstagram, AnErrorContainerFailsWithItsStatusAndIsNotPublished) {
  instagram_.settle_as("ERROR", "Error: Media upload has failed with error code 2207026");
  auto run = publish();
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("uploader (instagram): Instagram container 17890000000000001 ERROR: Error: "
                                      "Media upload has failed with error code 2207026"),
            std::string::npos)
      << run.status.message();
  EXPECT_EQ(instagram_.publish_requests(), 0);
}

TEST_F(UploaderInstagram, AContainerStillInProgressPastTheBoundFails) {
  struct P {
    reelflow::testing::StageRun* r = nullptr;
  };
  instagram_.settle_as("IN_PROGRESS", "In Progress: Media is still being processed.");
  const auto start = std::chrono::steady_clock::now();
  auto run = publish("publish_timeout_s: 0.5\n");
  const double took_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("Instagram container 17890000000000001: still IN_PROGRESS after"),
            std::string::npos)
      << run.status.message();
  EXPECT_NE(run.status.message().find("publish_timeout_s is 0.5 s"), std::string::npos) << run.status.message();
  EXPECT_GE(instagram_.status_polls(), 4);  // it asked again and again, with growing pauses
  EXPECT_LT(took_s, 5.0);
  EXPECT_EQ(instagram_.publish_requests(), 0);
}

TEST_F(UploaderInstagram, TheUserIdMustBeANumber) {
  auto run = upload(std::string("target: instagram\napi_base_url: ") + instagram_.base_url() + "\naccess_token: \"" +
                    kToken + "\"\ninstagram_user_id: \"../me\"\n");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("needs param 'instagram_user_id'"), std::string::npos) << run.status.message();
  EXPECT_TRUE(instagram_.container_request().is_null());
}

}  // namespace
}  // namespace reelflow::uploader::testing
