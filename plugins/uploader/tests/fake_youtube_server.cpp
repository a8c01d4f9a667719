#include "fake_youtube_server.hpp"

#include <regex>

namespace reelflow::uploader::testing {
namespace {

constexpr std::size_t kChunkUnit = 256 * 1024;
constexpr const char* kSessionId = "xa298sd_fake_session";

nlohmann::json google_error(int code, const std::string& message, const std::string& status) {
  return {{"error", {{"code", code}, {"message", message}, {"status", status}}}};
}

}  // namespace

FakeYouTubeServer::FakeYouTubeServer(std::string token) : token_(std::move(token)) {
  auto& server = http_.server();
  server.Post("/upload/youtube/v3/videos", [this](const auto& req, auto& res) { open_session(req, res); });
  server.Put("/upload/youtube/v3/videos", [this](const auto& req, auto& res) { put(req, res); });
  http_.start();
}

void FakeYouTubeServer::drop_connection_in_chunk(int chunk, std::size_t kept) {
  std::lock_guard lock(mutex_);
  faults_[chunk] = Fault{kept, 0};
}

void FakeYouTubeServer::fail_chunk(int chunk, int status, int times) {
  std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i) faults_[chunk + i] = Fault{0, status};
}

nlohmann::json FakeYouTubeServer::resource() const {
  std::lock_guard lock(mutex_);
  return resource_;
}

std::string FakeYouTubeServer::uploaded() const {
  std::lock_guard lock(mutex_);
  return total_ > 0 && received_.size() == total_ ? received_ : std::string();
}

std::vector<std::string> FakeYouTubeServer::ranges() const {
  std::lock_guard lock(mutex_);
  return ranges_;
}

int FakeYouTubeServer::init_requests() const {
  std::lock_guard lock(mutex_);
  return init_requests_;
}

bool FakeYouTubeServer::authorized(const httplib::Request& req, httplib::Response& res, const char* where) {
  if (req.get_header_value("Authorization") == "Bearer " + token_) return true;
  log_.violated(std::string(where) + ": no valid bearer token");
  send_json(res, 401,
            google_error(401, "Request had invalid authentication credentials. Expected OAuth 2 access token.",
                         "UNAUTHENTICATED"));
  return false;
}

void FakeYouTubeServer::open_session(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  ++init_requests_;
  if (!authorized(req, res, "init")) return;
  auto bad = [&](const std::string& problem) {
    log_.violated("init: " + problem);
    send_json(res, 400, google_error(400, problem, "INVALID_ARGUMENT"));
  };
  if (req.get_param_value("uploadType") != "resumable") return bad("uploadType is not resumable");
  if (req.get_param_value("part") != "snippet,status") return bad("part is not snippet,status");
  if (!req.get_header_value("Content-Type").starts_with("application/json")) return bad("body is not JSON");
  const std::string length = req.get_header_value("X-Upload-Content-Length");
  if (!std::regex_match(length, std::regex("[1-9][0-9]*"))) return bad("X-Upload-Content-Length missing");
  if (!req.get_header_value("X-Upload-Content-Type").starts_with("video/")) return bad("X-Upload-Content-Type");
  nlohmann::json body = json_body(req);
  const auto& snippet = body.value("snippet", nlohmann::json::object());
  const auto& status = body.value("status", nlohmann::json::object());
  if (!snippet.value("title", nlohmann::json()).is_string() || snippet["title"].get<std::string>().empty() ||
      snippet["title"].get<std::string>().size() > 100)
    return bad("snippet.title must be 1-100 characters");
  if (!snippet.value("description", nlohmann::json()).is_string()) return bad("snippet.description missing");
  if (!snippet.value("tags", nlohmann::json()).is_array()) return bad("snippet.tags is not an array");
  if (!snippet.value("categoryId", nlohmann::json()).is_string()) return bad("snippet.categoryId missing");
  const std::string privacy = status.value("privacyStatus", "");
  if (privacy != "private" && privacy != "unlisted" && privacy != "public") return bad("status.privacyStatus");

  resource_ = body;
  total_ = std::stoull(length);
  received_.clear();
  res.status = 200;
  res.set_header("Location", http_.url("/upload/youtube/v3/videos?uploadType=resumable&upload_id=") + kSessionId);
}

void FakeYouTubeServer::answer_progress(httplib::Response& res) {
  if (received_.size() == total_) {
    nlohmann::json video = resource_;
    video["kind"] = "youtube#video";
    video["id"] = kVideoId;
    video["status"]["uploadStatus"] = "uploaded";
    return send_json(res, 201, video);
  }
  res.status = 308;  // Resume Incomplete; no Range header while nothing arrived
  if (!received_.empty()) res.set_header("Range", "bytes=0-" + std::to_string(received_.size() - 1));
}

void FakeYouTubeServer::put(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  if (!authorized(req, res, "PUT")) return;
  auto bad = [&](const std::string& problem) {
    log_.violated("PUT: " + problem);
    send_json(res, 400, google_error(400, problem, "INVALID_ARGUMENT"));
  };
  if (req.get_param_value("upload_id") != kSessionId || total_ == 0) {
    log_.violated("PUT: unknown session");
    return send_json(res, 404, google_error(404, "upload session not found", "NOT_FOUND"));
  }
  const std::string range = req.get_header_value("Content-Range");
  ranges_.push_back(range);
  if (range == "bytes */" + std::to_string(total_)) {
    if (!req.body.empty()) return bad("a status query has a body");
    return answer_progress(res);
  }
  std::smatch m;
  if (!std::regex_match(range, m, std::regex("bytes ([0-9]+)-([0-9]+)/([0-9]+)")))
    return bad("Content-Range '" + range + "'");
  const std::size_t first = std::stoull(m[1]), last = std::stoull(m[2]), total = std::stoull(m[3]);
  if (total != total_)
    return bad("Content-Range total " + m[3].str() + ", the session was opened for " + std::to_string(total_));
  if (first != received_.size())
    return bad("chunk starts at " + m[1].str() + ", the session has " + std::to_string(received_.size()));
  if (last < first || last - first + 1 != req.body.size() || last >= total_)
    return bad("Content-Range '" + range + "' does not match a body of " + std::to_string(req.body.size()) + " bytes");
  if (last + 1 < total_ && req.body.size() % kChunkUnit != 0)
    return bad("a chunk before the last is " + std::to_string(req.body.size()) + " bytes, not a multiple of 256 KiB");

  auto fault = faults_.find(++data_puts_);
  if (fault == faults_.end()) {
    received_ += req.body;
    return answer_progress(res);
  }
  received_ += req.body.substr(0, fault->second.kept);
  if (fault->second.status != 0)
    return send_json(res, fault->second.status, google_error(fault->second.status, "backend error", "UNAVAILABLE"));
  // Headers promise a body that never comes: the client sees the connection drop.
  res.status = 200;
  res.set_content_provider(1000, "application/json",
                           [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
}

}  // namespace reelflow::uploader::testing
