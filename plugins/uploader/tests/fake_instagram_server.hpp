#pragma once
// The Instagram Graph API's Reels publishing for tests, on cpp-httplib: POST
// /{version}/{ig_user_id}/media (REELS, resumable) makes a container and returns its
// rupload uri (on this server), POST /ig-api-upload/{version}/{id} takes the bytes
// (Authorization: OAuth, offset 0, file_size), GET /{version}/{id}?fields=status_code,status
// reports IN_PROGRESS for a few polls and then the state the test chose, POST
// /{version}/{ig_user_id}/media_publish publishes a FINISHED container, and GET
// /{version}/{media_id}?fields=permalink gives the reel's URL.
#include "fake_platform.hpp"
#include "local_http_server.hpp"

#include <string>
#include <vector>

namespace reelflow::uploader::testing {

class FakeInstagramServer {
 public:
  static constexpr const char* kVersion = "v21.0";
  static constexpr const char* kUserId = "17841400000000001";
  static constexpr const char* kPermalink = "https://www.instagram.com/reel/C0FakeReel1/";

  explicit FakeInstagramServer(std::string token);

  std::string base_url() const { return http_.url(""); }

  // After the IN_PROGRESS polls the container is `state` ("FINISHED", "ERROR",
  // "EXPIRED", or "IN_PROGRESS" for ever) with `status` as its text.
  void settle_as(std::string state, std::string status);

  nlohmann::json container_request() const;  // the body that made the container
  std::string uploaded() const;              // the bytes the rupload endpoint took
  int status_polls() const;
  int publish_requests() const;
  std::vector<std::string> problems() const { return log_.problems(); }

 private:
  void create_container(const httplib::Request& req, httplib::Response& res);
  void upload(const httplib::Request& req, httplib::Response& res);
  void get_object(const httplib::Request& req, httplib::Response& res);
  void publish(const httplib::Request& req, httplib::Response& res);
  bool authorized(const httplib::Request& req, httplib::Response& res, const std::string& expected, const char* where);

  std::string token_;
  reelflow::testing::LocalHttpServer http_;
  ProtocolLog log_;
  mutable std::mutex mutex_;
  nlohmann::json container_request_;
  std::string uploaded_;
  std::string state_ = "FINISHED", status_ = "Finished: Media has been uploaded and it is ready to be published.";
  int status_polls_ = 0;
  int publish_requests_ = 0;
  bool published_ = false;
};

}  // namespace reelflow::uploader::testing
