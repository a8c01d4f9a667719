#include "fake_tiktok_server.hpp"

#include <regex>

namespace reelflow::uploader::testing {
namespace {

constexpr const char* kPublishId = "v_pub_file~v2-1.7301234567890";
constexpr std::uint64_t kMB = 1'000'000;

nlohmann::json tiktok_reply(const nlohmann::json& data, const std::string& code = "ok",
                            const std::string& message = "") {
  return {{"data", data}, {"error", {{"code", code}, {"message", message}, {"log_id", "202612070000FAKE"}}}};
}

}  // namespace

FakeTikTokServer::FakeTikTokServer(std::string token) : token_(std::move(token)) {
  auto& server = http_.server();
  server.Post("/v2/post/publish/video/init/", [this](const auto& req, auto& res) { init(req, res); });
  server.Put("/upload/", [this](const auto& req, auto& res) { upload_chunk(req, res); });
  server.Post("/v2/post/publish/status/fetch/", [this](const auto& req, auto& res) { fetch_status(req, res); });
  http_.start();
}

void FakeTikTokServer::fail_publish(std::string reason) {
  std::lock_guard lock(mutex_);
  fail_reason_ = std::move(reason);
}

void FakeTikTokServer::refuse_init(int status, std::string code, std::string message) {
  std::lock_guard lock(mutex_);
  refuse_status_ = status;
  refuse_code_ = std::move(code);
  refuse_message_ = std::move(message);
}

nlohmann::json FakeTikTokServer::init_body() const {
  std::lock_guard lock(mutex_);
  return init_body_;
}

std::string FakeTikTokServer::uploaded() const {
  std::lock_guard lock(mutex_);
  return count_ > 0 && chunks_received_ == count_ ? received_ : std::string();
}

std::vector<std::string> FakeTikTokServer::ranges() const {
  std::lock_guard lock(mutex_);
  return ranges_;
}

int FakeTikTokServer::status_polls() const {
  std::lock_guard lock(mutex_);
  return status_polls_;
}

bool FakeTikTokServer::authorized(const httplib::Request& req, httplib::Response& res, const char* where) {
  if (req.get_header_value("Authorization") == "Bearer " + token_) return true;
  log_.violated(std::string(where) + ": no valid bearer token");
  send_json(res, 401,
            tiktok_reply(nlohmann::json::object(), "access_token_invalid",
                         "The access token is invalid or not found in the request."));
  return false;
}

std::string FakeTikTokServer::chunk_rule_broken(std::uint64_t size, std::uint64_t chunk, std::uint64_t count) {
  if (size == 0) return "video_size is 0";
  if (size < 5 * kMB || chunk >= size)  // must go whole
    return chunk == size && count == 1 ? "" : "a video under 5 MB or one chunk goes as one chunk of its size";
  if (chunk < 5 * kMB || chunk > 64 * kMB) return "chunk_size must be 5-64 MB";
  if (count != size / chunk) return "total_chunk_count must be floor(video_size / chunk_size)";
  if (size - (count - 1) * chunk > 128 * kMB) return "the last chunk may be at most 128 MB";
  return "";
}

void FakeTikTokServer::init(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  if (!authorized(req, res, "init")) return;
  auto bad = [&](const std::string& problem) {
    log_.violated("init: " + problem);
    send_json(res, 400, tiktok_reply(nlohmann::json::object(), "invalid_params", problem));
  };
  if (!req.get_header_value("Content-Type").starts_with("application/json")) return bad("body is not JSON");
  nlohmann::json body = json_body(req);
  const auto post = body.value("post_info", nlohmann::json::object());
  const auto source = body.value("source_info", nlohmann::json::object());
  if (!post.value("title", nlohmann::json()).is_string()) return bad("post_info.title missing");
  static const std::vector<std::string> levels = {"PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR",
                                                  "SELF_ONLY"};
  if (std::find(levels.begin(), levels.end(), post.value("privacy_level", "")) == levels.end())
    return bad("post_info.privacy_level");
  if (source.value("source", "") != "FILE_UPLOAD") return bad("source_info.source is not FILE_UPLOAD");
  for (const char* field : {"video_size", "chunk_size", "total_chunk_count"})
    if (!source.value(field, nlohmann::json()).is_number_unsigned()) return bad(std::string("source_info.") + field);
  const std::uint64_t size = source["video_size"], chunk = source["chunk_size"], count = source["total_chunk_count"];
  if (std::string broken = chunk_rule_broken(size, chunk, count); !broken.empty()) return bad(broken);
  if (refuse_status_ != 0)
    return send_json(res, refuse_status_, tiktok_reply(nlohmann::json::object(), refuse_code_, refuse_message_));

  init_body_ = body;
  size_ = size, chunk_ = chunk, count_ = count, chunks_received_ = 0;
  received_.clear();
  send_json(res, 200,
            tiktok_reply({{"publish_id", kPublishId},
                          {"upload_url", http_.url("/upload/?upload_id=67890&upload_token=signed")}}));
}

void FakeTikTokServer::upload_chunk(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  auto bad = [&](int status, const std::string& problem) {
    log_.violated("PUT: " + problem);
    send_json(res, status, tiktok_reply(nlohmann::json::object(), "invalid_params", problem));
  };
  // The upload URL is signed; a token sent here would go to a host that has no need of it.
  if (req.has_header("Authorization")) log_.violated("PUT: the access token was sent to the upload URL");
  if (req.get_param_value("upload_token") != "signed" || count_ == 0) return bad(404, "unknown upload");
  if (req.get_header_value("Content-Type") != "video/mp4") return bad(400, "Content-Type is not video/mp4");
  const std::string range = req.get_header_value("Content-Range");
  ranges_.push_back(range);
  std::smatch m;
  if (!std::regex_match(range, m, std::regex("bytes ([0-9]+)-([0-9]+)/([0-9]+)")))
    return bad(400, "Content-Range '" + range + "'");
  const std::uint64_t first = std::stoull(m[1]), last = std::stoull(m[2]), total = std::stoull(m[3]);
  const bool final_chunk = chunks_received_ + 1 == count_;
  const std::uint64_t expected = final_chunk ? size_ - chunks_received_ * chunk_ : chunk_;
  if (total != size_) return bad(400, "Content-Range total is not video_size");
  if (first != chunks_received_ * chunk_)
    return bad(416, "chunk " + std::to_string(chunks_received_ + 1) + " starts at " + m[1].str());
  if (last - first + 1 != req.body.size() || req.body.size() != expected)
    return bad(400, "chunk " + std::to_string(chunks_received_ + 1) + " is " + std::to_string(req.body.size()) +
                        " bytes, the plan says " + std::to_string(expected));
  received_ += req.body;
  ++chunks_received_;
  res.status = final_chunk ? 201 : 206;
}

void FakeTikTokServer::fetch_status(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mutex_);
  if (!authorized(req, res, "status")) return;
  if (json_body(req).value("publish_id", "") != kPublishId) {
    log_.violated("status: unknown publish_id");
    return send_json(res, 400, tiktok_reply(nlohmann::json::object(), "invalid_params", "publish_id"));
  }
  ++status_polls_;
  if (chunks_received_ < count_) return send_json(res, 200, tiktok_reply({{"status", "PROCESSING_UPLOAD"}}));
  if (status_polls_ < 3) return send_json(res, 200, tiktok_reply({{"status", "PROCESSING_DOWNLOAD"}}));
  if (!fail_reason_.empty())
    return send_json(res, 200, tiktok_reply({{"status", "FAILED"}, {"fail_reason", fail_reason_}}));
  send_json(res, 200, tiktok_reply({{"status", "PUBLISH_COMPLETE"}, {"publicaly_available_post_id", {kPostId}}}));
}

}  // namespace reelflow::uploader::testing
