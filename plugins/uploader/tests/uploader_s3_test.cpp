// target: s3 — against an S3-compatible server that authenticates every request
// by its SigV4 signature and checks every payload hash.
#include "fake_s3_server.hpp"
#include "stage_harness.hpp"
#include "temp_dir.hpp"
#include "test_file.hpp"

#include <gtest/gtest.h>

namespace reelflow::uploader::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

class UploaderS3 : public ::testing::Test {
 protected:
  // Params for the fake's bucket with the given secret (the right one by default).
  std::string params(const std::string& extra = {}, std::string secret = {}) const {
    const auto& o = s3_.options();
    return "target: s3\nendpoint: " + s3_.endpoint() + "\nbucket: " + o.bucket + "\nregion: " + o.region +
           "\naccess_key_id: " + o.access_key_id + "\nsecret_access_key: \"" +
           (secret.empty() ? o.secret_access_key : secret) + "\"\n" + extra;
  }

  reelflow::testing::StageRun upload(const std::filesystem::path& file, const std::string& yaml) {
    return harness_.run("uploader", yaml, {{"file", FileRef{file, ""}}});
  }

  std::filesystem::path make_source(std::size_t size, const std::string& name = "clip.mp4") {
    bytes_ = make_test_bytes(size);
    auto path = tmp_ / "render" / name;
    write_file(path, bytes_);
    return path;
  }

  static std::string location_of(const reelflow::testing::StageRun& run) {
    auto it = run.outputs.find("location");
    return it == run.outputs.end() ? std::string() : std::get<Text>(it->second).text;
  }

  StageHarness harness_;
  TempDir tmp_{"uploader-s3"};
  FakeS3Server s3_;
  std::string bytes_;
};

constexpr std::size_t kMiB = 1024 * 1024;
// 12 MiB and a bit with 5 MiB parts: 5 + 5 + 2.
constexpr const char* kMultipart = "multipart_threshold_mb: 8\npart_size_mb: 5\n";

TEST_F(UploaderS3, SmallFileIsOneSignedPutObject) {
  auto file = make_source(300 * 1024 + 7);
  auto run = upload(file, params("key_prefix: videos/"));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(s3_.object("videos/clip.mp4"), bytes_);
  EXPECT_EQ(location_of(run), s3_.endpoint() + "/media/videos/clip.mp4");
  EXPECT_EQ(s3_.count("PUT"), 1);
  EXPECT_EQ(s3_.count("HEAD"), 1);
  EXPECT_EQ(s3_.count("POST"), 0);
  for (const auto& r : s3_.requests()) EXPECT_EQ(r.status / 100, 2) << r.method << " " << r.path;
}

TEST_F(UploaderS3, KeyWithSpacesAndUnicodeIsSignedAsSent) {
  auto file = make_source(1000);
  auto run = upload(file, params("name: \"Summer reel (final) \xC3\xA9t\xC3\xA9.mp4\""));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(s3_.object("Summer reel (final) \xC3\xA9t\xC3\xA9.mp4"), bytes_);
  EXPECT_EQ(location_of(run), s3_.endpoint() + "/media/Summer%20reel%20%28final%29%20%C3%A9t%C3%A9.mp4");
}

TEST_F(UploaderS3, LargeFileIsAMultipartUploadInOrder) {
  auto file = make_source(12 * kMiB + 123);
  auto run = upload(file, params(kMultipart));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(s3_.object("clip.mp4"), bytes_);
  EXPECT_EQ(s3_.count("POST", "uploads"), 1);
  EXPECT_EQ(s3_.count("PUT", "partNumber="), 3);
  EXPECT_EQ(s3_.count("POST", "uploadId="), 1);
  EXPECT_EQ(s3_.count("DELETE"), 0);
  EXPECT_EQ(s3_.count("HEAD"), 1);
  EXPECT_EQ(s3_.open_uploads(), 0u);
}

TEST_F(UploaderS3, ATransientPartFailureIsRetried) {
  auto file = make_source(12 * kMiB + 123);
  s3_.fail_part(2, 500, 1);
  auto run = upload(file, params(kMultipart));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(s3_.object("clip.mp4"), bytes_);
  EXPECT_EQ(s3_.count("PUT", "partNumber=2"), 2);
}

TEST_F(UploaderS3, AFailedPartAbortsTheUpload) {
  auto file = make_source(12 * kMiB + 123);
  s3_.fail_part(2, 400);
  auto run = upload(file, params(kMultipart));
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("UploadPart 2"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("HTTP 400 BadDigest"), std::string::npos) << run.status.message();
  EXPECT_EQ(s3_.count("PUT", "partNumber=2"), 1);
  EXPECT_EQ(s3_.count("PUT", "partNumber=3"), 0);
  EXPECT_EQ(s3_.count("DELETE", "uploadId="), 1);
  EXPECT_EQ(s3_.open_uploads(), 0u);
  EXPECT_FALSE(s3_.object("clip.mp4").has_value());
}

TEST_F(UploaderS3, AnErrorInsideA200CompleteIsAFailure) {
  auto file = make_source(12 * kMiB + 123);
  s3_.error_in_complete_200();
  auto run = upload(file, params(kMultipart));
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("CompleteMultipartUpload"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("InternalError"), std::string::npos) << run.status.message();
  EXPECT_EQ(s3_.count("DELETE", "uploadId="), 1);
  EXPECT_EQ(s3_.open_uploads(), 0u);
  EXPECT_FALSE(s3_.object("clip.mp4").has_value());
  EXPECT_TRUE(run.outputs.empty());
}

TEST_F(UploaderS3, AWrongSecretIsRejectedOnceAndNeverEchoed) {
  auto file = make_source(4096);
  const std::string wrong = "wrongSecretKeyForTheFakeS3/abcdefghijklmnop";
  auto run = upload(file, params("max_attempts: 3", wrong));
  ASSERT_FALSE(run.status.is_ok());
  const auto& message = run.status.message();
  EXPECT_NE(message.find("PutObject"), std::string::npos) << message;
  EXPECT_NE(message.find("HTTP 403 SignatureDoesNotMatch"), std::string::npos) << message;
  EXPECT_NE(message.find("(1 attempt)"), std::string::npos) << message;
  EXPECT_EQ(message.find(wrong), std::string::npos) << message;
  EXPECT_EQ(message.find(s3_.options().access_key_id), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(s3_.requests().size(), 1u);  // 403 is not retried
  EXPECT_FALSE(s3_.object("clip.mp4").has_value());
}

TEST_F(UploaderS3, MissingCredentialsAreNamed) {
  auto file = make_source(10);
  auto run = upload(file, "target: s3\nendpoint: " + s3_.endpoint() + "\nbucket: media");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("needs param 'access_key_id'"), std::string::npos) << run.status.message();
  EXPECT_TRUE(s3_.requests().empty());
}

TEST(UploaderS3Token, SessionTokenIsSentAndSigned) {
  FakeS3Options options;
  options.session_token = "FwoGZXIvYXdzEFAKE//session+token=";
  TempDir tmp("uploader-s3-token");
  auto bytes = make_test_bytes(2048);
  write_file(tmp / "clip.mp4", bytes);
  StageHarness harness;
  auto params = [&](const FakeS3Server& s3) {
    return "target: s3\nendpoint: " + s3.endpoint() + "\nbucket: media\nregion: " + options.region +
           "\naccess_key_id: " + options.access_key_id + "\nsecret_access_key: \"" +
           options.secret_access_key + "\"\n";
  };

  FakeS3Server s3(options);
  auto run = harness.run("uploader", params(s3) + "session_token: \"" + options.session_token + "\"",
                         {{"file", FileRef{tmp / "clip.mp4", ""}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(s3.object("clip.mp4"), bytes);

  // Without the token the same kind of store refuses the upload.
  FakeS3Server strict(options);
  auto refused = harness.run("uploader", params(strict), {{"file", FileRef{tmp / "clip.mp4", ""}}});
  ASSERT_FALSE(refused.status.is_ok());
  EXPECT_NE(refused.status.message().find("InvalidToken"), std::string::npos) << refused.status.message();
  EXPECT_FALSE(strict.object("clip.mp4").has_value());
}

}  // namespace
}  // namespace reelflow::uploader::testing
