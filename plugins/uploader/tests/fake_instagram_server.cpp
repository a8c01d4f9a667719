#include "fake_instagram_server.hpp"

namespace reelflow::uploader::testing {
namespace {

constexpr const char* kContainerId = "17890000000000001";
constexpr const char* kMediaId = "17920000000000002";
constexpr int kInProgressPolls = 2;

nlohmann::json graph_error(const std::string& message, int code) {
  return {{"error", {{"message", message}, {"type", "OAuthException"}, {"code", code}, {"fbtrace_id", "AfAkE"}}}};
}

}  // namespace

FakeInstagramServer::FakeInstagramServer(std::string token) : token_(std::move(token)) {
  auto& server = http_.server();
  const std::string version = std::string("/") + kVersion + "/";
  server.Post(version + kUserId + "/media", [this](const auto& req, auto& res) { create_container(req, res); });
  server.Post(version + kUserId + "/media_publish", [this](const auto& req, auto& res) { publish(req, res); });
  server.Post(std::string("/ig-api-upload/") + kVersion + "/" + kContainerId,
              [this](const auto& req, auto& res) { upload(req, res); });
  server.Get(version + R"((\d+))", [this](const auto& req, auto& res) { get_object(req, res); });
  http_.start();
}

void FakeInstagramServer::settle_as(std::string state, std::string status) {
  std::lock_guard lock(mutex_);
  state_ = std::move(state);
  status_ = std::move(status);
}

nlohmann::json FakeInstagramServer::container_request() const {
  std::lock_guard lock(mutex_);
  return container_request_;
}

std::string FakeInstagramServer::uploaded() const {
  std::lock_guard lock(mutex_);
  return uploaded_;
}

int FakeInstagramServer::status_polls() const {
  std::lock_guard lock(mutex_);
  return status_polls_;
}

int FakeInstagramServer::publish_requests() const {
  std::lock_guard lock(mutex_);
  return publish_requests_;
}

bool FakeInstagramServer::authorized(const httplib::Request& req, httplib::Response& res, const std::string& expected,
                                     const char* where) {
  if (req.get_header_value("Authorization") == expected) return true;
  log_.violated(std::string(where) + ": Authorization is not '" + expected.substr(0, expected.find(' ')) + " <token>'");
  send_json(res, 401, graph_error("Invalid OAuth access token - Cannot parse access token", 190));
  return false;
}

void FakeInstagramServer::create_container(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  if (!authorized(req, res, "Bearer " + token_, "media")) return;
  nlohmann::json body = json_body(req);
  auto bad = [&](const std::string& problem) {
    log_.violated("media: " + problem);
    send_json(res, 400, graph_error(problem, 100));
  };
  if (body.value("media_type", "") != "REELS") return bad("media_type is not REELS");
  if (body.value("upload_type", "") != "resumable") return bad("upload_type is not resumable");
  if (!body.value("caption", nlohmann::json()).is_string()) return bad("caption missing");
  container_request_ = body;
  send_json(res, 200,
            {{"id", kContainerId}, {"uri", http_.url(std::string("/ig-api-upload/") + kVersion + "/" + kContainerId)}});
}

void FakeInstagramServer::upload(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  if (!authorized(req, res, "OAuth " + token_, "rupload")) return;
  auto bad = [&](const std::string& problem) {
    log_.violated("rupload: " + problem);
    send_json(res, 400,
              {{"debug_info", {{"retriable", false}, {"type", "ProcessingFailedError"}, {"message", problem}}}});
  };
  if (req.get_header_value("offset") != "0") return bad("offset is not 0");
  if (req.get_header_value("file_size") != std::to_string(req.body.size()))
    return bad("file_size '" + req.get_header_value("file_size") + "' but " + std::to_string(req.body.size()) +
               " bytes came");
  uploaded_ = req.body;
  send_json(res, 200, {{"success", true}, {"message", "Upload successful."}});
}

void FakeInstagramServer::get_object(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  if (!authorized(req, res, "Bearer " + token_, "GET")) return;
  const std::string id = req.matches[1];
  const std::string fields = req.get_param_value("fields");
  if (id == kContainerId && fields == "status_code,status") {
    ++status_polls_;
    const bool settled = !uploaded_.empty() && status_polls_ > kInProgressPolls;
    return send_json(res, 200,
                     {{"id", id},
                      {"status_code", settled ? state_ : "IN_PROGRESS"},
                      {"status", settled ? status_ : "In Progress: Media is still being processed."}});
  }
  if (id == kMediaId && fields == "permalink" && published_)
    return send_json(res, 200, {{"id", id}, {"permalink", kPermalink}});
  log_.violated("GET " + id + "?fields=" + fields + ": no such object or field");
  send_json(res, 400, graph_error("Unsupported get request.", 100));
}

void FakeInstagramServer::publish(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  ++publish_requests_;
  if (!authorized(req, res, "Bearer " + token_, "media_publish")) return;
  if (json_body(req).value("creation_id", "") != kContainerId || state_ != "FINISHED" || uploaded_.empty()) {
    log_.violated("media_publish: the container is not ready");
    return send_json(res, 400, graph_error("Media ID is not available", 9007));
  }
  published_ = true;
  send_json(res, 200, {{"id", kMediaId}});
}

}  // namespace reelflow::uploader::testing
