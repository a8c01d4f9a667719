#pragma once
// A YouTube Data API v3 resumable-upload endpoint for tests, on cpp-httplib:
// POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status opens a
// session (Location), PUTs with Content-Range add bytes (308 + Range until the
// last, then 201 and the video resource), "bytes */TOTAL" asks for the status.
// It checks the bearer token, the X-Upload-* headers, the resource JSON, that each
// chunk starts where the session stands, that Content-Range matches the body and
// that every chunk but the last is a multiple of 256 KiB. Faults can be injected.
#include "fake_platform.hpp"
#include "local_http_server.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace reelflow::uploader::testing {

class FakeYouTubeServer {
 public:
  static constexpr const char* kVideoId = "Rf0fakeVid1";

  explicit FakeYouTubeServer(std::string token);

  std::string base_url() const { return http_.url(""); }
  const std::string& token() const { return token_; }

  // The faults: the `chunk`-th data PUT (1-based) keeps its first `kept` bytes and
  // then the connection drops; or it is answered `status` (a 5xx) keeping nothing.
  void drop_connection_in_chunk(int chunk, std::size_t kept);
  // `times` data PUTs in a row from the `chunk`-th are answered `status`.
  void fail_chunk(int chunk, int status, int times = 1);

  nlohmann::json resource() const;          // the JSON body that opened the session
  std::string uploaded() const;             // the bytes of the finished upload ("" until then)
  std::vector<std::string> ranges() const;  // every Content-Range received, in order
  int init_requests() const;
  std::vector<std::string> problems() const { return log_.problems(); }

 private:
  struct Fault {
    std::size_t kept = 0;
    int status = 0;  // 0: drop the connection
  };

  void open_session(const httplib::Request& req, httplib::Response& res);
  void put(const httplib::Request& req, httplib::Response& res);
  // 308 with the Range received so far, or 201 with the video when complete.
  void answer_progress(httplib::Response& res);
  bool authorized(const httplib::Request& req, httplib::Response& res, const char* where);

  std::string token_;
  reelflow::testing::LocalHttpServer http_;
  ProtocolLog log_;
  mutable std::mutex mutex_;
  nlohmann::json resource_;
  std::size_t total_ = 0;
  std::string received_;
  std::vector<std::string> ranges_;
  int init_requests_ = 0;
  int data_puts_ = 0;
  std::map<int, Fault> faults_;
};

}  // namespace reelflow::uploader::testing
