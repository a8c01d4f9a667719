// target: http — against a real nginx with WebDAV, and cpp-httplib servers that
// misbehave in the ways an upload must survive or report.
#include "local_http_server.hpp"
#include "nginx_dav_server.hpp"
#include "stage_harness.hpp"
#include "temp_dir.hpp"
#include "test_file.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

namespace reelflow::uploader::testing {
namespace {

using reelflow::testing::LocalHttpServer;
using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

std::string location_of(const reelflow::testing::StageRun& run) {
  auto it = run.outputs.find("location");
  return it == run.outputs.end() ? std::string() : std::get<Text>(it->second).text;
}

class UploaderHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    bytes_ = make_test_bytes(2 * 1024 * 1024 + 5);
    source_ = tmp_ / "render" / "clip.mp4";
    write_file(source_, bytes_);
  }

  reelflow::testing::StageRun upload(const std::string& params) {
    return harness_.run("uploader", "target: http\n" + params, {{"file", FileRef{source_, ""}}});
  }

  StageHarness harness_;
  TempDir tmp_{"uploader-http"};
  std::string bytes_;
  std::filesystem::path source_;
};

class UploaderNginx : public UploaderHttp {
 protected:
  NginxDavServer nginx_{tmp_ / "nginx", "alice", "correct horse 42"};
};

TEST_F(UploaderNginx, PutsTheFileAndConfirmsItWithHead) {
  auto run = upload("url: " + nginx_.url("/uploads/"));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(location_of(run), nginx_.url("/uploads/clip.mp4"));
  EXPECT_EQ(read_file(nginx_.www() / "uploads" / "clip.mp4"), bytes_);
  EXPECT_EQ(nginx_.logged("PUT", "/uploads/clip.mp4"), 1);
  EXPECT_EQ(nginx_.logged("HEAD", "/uploads/clip.mp4"), 1);
}

TEST_F(UploaderNginx, NameWithSpacesIsPercentEncoded) {
  auto run = upload("url: " + nginx_.url("/uploads") + "\nname: \"my clip #1.mp4\"");
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(location_of(run), nginx_.url("/uploads/my%20clip%20%231.mp4"));
  EXPECT_EQ(read_file(nginx_.www() / "uploads" / "my clip #1.mp4"), bytes_);
}

// A strict WebDAV collection answers 409 to a PUT whose parent is missing.
TEST_F(UploaderNginx, CreatesMissingCollectionsWithMkcol) {
  auto run = upload("url: " + nginx_.url("/strict") + "\nname: 2024/week-19/clip.mp4");
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(read_file(nginx_.www() / "strict" / "2024" / "week-19" / "clip.mp4"), bytes_);
  EXPECT_EQ(nginx_.logged("MKCOL", "/strict/2024/"), 1);
  EXPECT_EQ(nginx_.logged("MKCOL", "/strict/2024/week-19/"), 1);
  EXPECT_EQ(nginx_.logged("PUT", "/strict/2024/week-19/clip.mp4"), 1);  // the parents were there first
}

// PROPFIND Depth 1 of a collection, as any WebDAV client lists it (dav-ext answers it).
std::pair<int, std::string> propfind(const NginxDavServer& nginx, const std::string& path) {
  httplib::Client client(nginx.url(""));
  httplib::Request request;
  request.method = "PROPFIND";
  request.path = path;
  request.set_header("Depth", "1");
  auto result = client.send(request);
  return result ? std::pair{result->status, result->body} : std::pair{0, std::string()};
}

// Stock nginx (dav module + dav-ext, no create_full_put_path) answers a PUT into a missing
// collection with 500: the uploader makes the parents first, one MKCOL per level.
TEST_F(UploaderNginx, NestedNameOnStockNginxMakesEachParentOnce) {
  httplib::Client raw(nginx_.url(""));
  auto refused = raw.Put("/stock/missing/clip.mp4", "x", "video/mp4");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 500) << "stock nginx changed how it refuses a PUT into a missing collection";

  auto run = upload("url: " + nginx_.url("/stock") + "\nname: 2024/week-19/clip.mp4\nmax_attempts: 3");
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(location_of(run), nginx_.url("/stock/2024/week-19/clip.mp4"));
  EXPECT_EQ(read_file(nginx_.www() / "stock" / "2024" / "week-19" / "clip.mp4"), bytes_);
  EXPECT_EQ(nginx_.logged("MKCOL", "/stock/2024/"), 1);
  EXPECT_EQ(nginx_.logged("MKCOL", "/stock/2024/week-19/"), 1);
  EXPECT_EQ(nginx_.logged("PUT", "/stock/2024/week-19/clip.mp4"), 1);  // never a 500 to retry

  // The collections are real WebDAV collections: a PROPFIND of the inner one lists the file.
  auto [status, listing] = propfind(nginx_, "/stock/2024/week-19/");
  EXPECT_EQ(status, 207);
  EXPECT_NE(listing.find("/stock/2024/week-19/clip.mp4"), std::string::npos) << listing;
}

// The second video into the same folder: MKCOL answers 405 (it exists), the upload goes on.
TEST_F(UploaderNginx, ExistingCollectionsAreAcceptedAsTheyAre) {
  ASSERT_TRUE(upload("url: " + nginx_.url("/stock") + "\nname: shows/one.mp4").status.is_ok());
  auto second = upload("url: " + nginx_.url("/stock") + "\nname: shows/two.mp4");
  ASSERT_TRUE(second.status.is_ok()) << second.status.message();
  EXPECT_EQ(nginx_.logged("MKCOL", "/stock/shows/", 2), 2);
  EXPECT_EQ(read_file(nginx_.www() / "stock" / "shows" / "two.mp4"), bytes_);
}

// Credentials refused at the first MKCOL: one request, nothing stored, the password unseen.
TEST_F(UploaderNginx, RefusedCredentialsStopAtTheFirstCollection) {
  auto run = upload("url: " + nginx_.url("/private") +
                    "\nname: deep/clip.mp4\nusername: alice\npassword: wrong-pass-77\nmax_attempts: 3");
  ASSERT_FALSE(run.status.is_ok());
  const auto& message = run.status.message();
  EXPECT_NE(message.find("MKCOL " + nginx_.url("/private/deep/") + ": the server refused the credentials (HTTP 401"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("wrong-pass-77"), std::string::npos) << message;
  EXPECT_EQ(nginx_.logged("MKCOL", "/private/deep/"), 1);
  EXPECT_EQ(nginx_.logged("PUT", "/private/deep/clip.mp4", 0), 0);
}

TEST_F(UploaderNginx, MethodNotAllowedIsReportedAfterOneAttempt) {
  auto run = upload("url: " + nginx_.url("/readonly") + "\nmax_attempts: 3");
  ASSERT_FALSE(run.status.is_ok());
  const auto& message = run.status.message();
  EXPECT_NE(message.find("PUT " + nginx_.url("/readonly/clip.mp4") + ": HTTP 405 Not Allowed (1 attempt)"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_EQ(nginx_.logged("PUT", "/readonly/clip.mp4"), 1);  // 4xx is never retried
  EXPECT_EQ(nginx_.logged("HEAD", "/readonly/clip.mp4", 0), 0);
  EXPECT_FALSE(std::filesystem::exists(nginx_.www() / "readonly" / "clip.mp4"));
  EXPECT_TRUE(run.outputs.empty());
}

TEST_F(UploaderNginx, ForbiddenIsReported) {
  auto run = upload("url: " + nginx_.url("/forbidden"));
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("the server refused the credentials (HTTP 403 Forbidden) (1 attempt)"),
            std::string::npos)
      << run.status.message();
  EXPECT_EQ(nginx_.logged("PUT", "/forbidden/clip.mp4"), 1);
}

TEST_F(UploaderNginx, ServerErrorsAreRetriedUpToMaxAttempts) {
  auto run = upload("url: " + nginx_.url("/broken") + "\nmax_attempts: 2");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("HTTP 503"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("(2 attempts)"), std::string::npos) << run.status.message();
  EXPECT_EQ(nginx_.logged("PUT", "/broken/clip.mp4", 2), 2);
}

TEST_F(UploaderNginx, BasicAuthUploadsAndAWrongPasswordNeverShows) {
  auto ok = upload("url: " + nginx_.url("/private") + "\nusername: alice\npassword: \"correct horse 42\"");
  ASSERT_TRUE(ok.status.is_ok()) << ok.status.message();
  EXPECT_EQ(read_file(nginx_.www() / "private" / "clip.mp4"), bytes_);

  auto denied = upload("url: " + nginx_.url("/private") + "\nname: other.mp4\nusername: alice\npassword: hunter2-wrong");
  ASSERT_FALSE(denied.status.is_ok());
  EXPECT_NE(denied.status.message().find("HTTP 401"), std::string::npos) << denied.status.message();
  EXPECT_EQ(denied.status.message().find("hunter2-wrong"), std::string::npos) << denied.status.message();
  EXPECT_FALSE(std::filesystem::exists(nginx_.www() / "private" / "other.mp4"));
  EXPECT_EQ(nginx_.logged("PUT", "/private/other.mp4"), 1);
}

// A PUT server that fails a number of times first, then stores the body and serves it back.
class FlakyPutServer {
 public:
  explicit FlakyPutServer(int failures, int success_status = 201) {
    server_.server().Put("/drop/clip.mp4", [this, failures, success_status](const auto& req, auto& res) {
      std::lock_guard lock(mutex_);
      ++puts_;
      content_type_ = req.get_header_value("Content-Type");
      authorization_ = req.get_header_value("Authorization");
      if (puts_ <= failures) {
        res.status = 500;
        return;
      }
      stored_ = req.body;
      res.status = success_status;
    });
    server_.server().Get("/drop/clip.mp4", [this](const auto&, auto& res) {
      std::lock_guard lock(mutex_);
      res.set_content(stored_ + served_extra_, "video/mp4");
    });
    server_.start();
  }

  std::string url() const { return server_.url("/drop"); }
  int puts() const { std::lock_guard lock(mutex_); return puts_; }
  std::string stored() const { std::lock_guard lock(mutex_); return stored_; }
  std::string content_type() const { std::lock_guard lock(mutex_); return content_type_; }
  std::string authorization() const { std::lock_guard lock(mutex_); return authorization_; }
  // Makes HEAD report a different size than what was stored.
  void serve_extra(std::string extra) { std::lock_guard lock(mutex_); served_extra_ = std::move(extra); }

 private:
  LocalHttpServer server_;
  mutable std::mutex mutex_;
  int puts_ = 0;
  std::string stored_;
  std::string served_extra_;
  std::string content_type_;
  std::string authorization_;
};

TEST_F(UploaderHttp, TwoServerErrorsThenCreatedSucceedsOnTheThirdAttempt) {
  FlakyPutServer server(2);
  auto run = upload("url: " + server.url() + "\nmax_attempts: 3\nbearer_token: tok-abc-123");
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(server.puts(), 3);
  EXPECT_EQ(server.stored(), bytes_);
  EXPECT_EQ(server.content_type(), "video/mp4");
  EXPECT_EQ(server.authorization(), "Bearer tok-abc-123");
}

TEST_F(UploaderHttp, TooFewAttemptsForTheErrorsFails) {
  FlakyPutServer server(2);
  auto run = upload("url: " + server.url() + "\nmax_attempts: 2");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("HTTP 500 (2 attempts)"), std::string::npos) << run.status.message();
  EXPECT_EQ(server.puts(), 2);
}

TEST_F(UploaderHttp, HeadReportingAnotherSizeIsNotConfirmed) {
  FlakyPutServer server(0);
  server.serve_extra("!");
  auto run = upload("url: " + server.url());
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("upload not confirmed"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("reports " + std::to_string(bytes_.size() + 1) + " bytes, sent " +
                                      std::to_string(bytes_.size()) + " bytes"),
            std::string::npos)
      << run.status.message();
  EXPECT_TRUE(run.outputs.empty());
}

TEST_F(UploaderHttp, AcceptedIsNotStored) {
  FlakyPutServer server(0, 202);  // "will process later" is no confirmation
  auto run = upload("url: " + server.url());
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("HTTP 202"), std::string::npos) << run.status.message();
}

TEST_F(UploaderHttp, MissingUrlIsAClearError) {
  auto run = upload("name: x.mp4");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("needs param 'url'"), std::string::npos) << run.status.message();
}

TEST_F(UploaderHttp, UnreachableServerNamesTheUrlAndKeepsTheTokenSecret) {
  // A port that was free a moment ago: nothing listens there.
  int port = 0;
  {
    LocalHttpServer probe;
    port = probe.start();
  }
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/drop";
  auto run = upload("url: " + url + "\nmax_attempts: 1\nbearer_token: tok-secret-999");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find(url + "/clip.mp4"), std::string::npos) << run.status.message();
  EXPECT_EQ(run.status.message().find("tok-secret-999"), std::string::npos) << run.status.message();
}

}  // namespace
}  // namespace reelflow::uploader::testing
