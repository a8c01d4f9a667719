#pragma once
// A TikTok Content Posting API for tests, on cpp-httplib: POST
// /v2/post/publish/video/init/ (FILE_UPLOAD; the chunk rules of TikTok's media
// transfer guide enforced: 5-64 MB chunks, floor(size / chunk) of them, a video
// under 5 MB as one chunk), PUT chunks to the upload URL (Content-Range and
// Content-Type checked, no token expected there; 206 until the last, then 201),
// and POST /v2/post/publish/status/fetch/ reporting PROCESSING_UPLOAD, then
// PROCESSING_DOWNLOAD for a few polls, then the outcome the test chose.
#include "fake_platform.hpp"
#include "local_http_server.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace reelflow::uploader::testing {

class FakeTikTokServer {
 public:
  static constexpr std::int64_t kPostId = 7301234567890123456;

  explicit FakeTikTokServer(std::string token);

  std::string base_url() const { return http_.url(""); }

  // The publish ends FAILED with `reason` instead of PUBLISH_COMPLETE.
  void fail_publish(std::string reason);
  // The init is refused with HTTP `status` and this error code and message.
  void refuse_init(int status, std::string code, std::string message);

  nlohmann::json init_body() const;
  std::string uploaded() const;             // the bytes of the complete upload ("" until then)
  std::vector<std::string> ranges() const;  // every chunk's Content-Range, in order
  int status_polls() const;
  std::vector<std::string> problems() const { return log_.problems(); }

 private:
  void init(const httplib::Request& req, httplib::Response& res);
  void upload_chunk(const httplib::Request& req, httplib::Response& res);
  void fetch_status(const httplib::Request& req, httplib::Response& res);
  bool authorized(const httplib::Request& req, httplib::Response& res, const char* where);
  // The chunk plan's broken rule, "" when it follows TikTok's.
  static std::string chunk_rule_broken(std::uint64_t size, std::uint64_t chunk, std::uint64_t count);

  std::string token_;
  reelflow::testing::LocalHttpServer http_;
  ProtocolLog log_;
  mutable std::mutex mutex_;
  nlohmann::json init_body_;
  std::uint64_t size_ = 0, chunk_ = 0, count_ = 0, chunks_received_ = 0;
  std::string received_;
  std::vector<std::string> ranges_;
  int status_polls_ = 0;
  std::string fail_reason_;
  int refuse_status_ = 0;
  std::string refuse_code_, refuse_message_;
};

}  // namespace reelflow::uploader::testing
