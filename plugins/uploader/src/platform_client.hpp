#pragma once
// The connection to a publishing platform's API (youtube, tiktok, instagram): its
// base URL (a trusted param, default the real endpoint), the access token (a secret
// param, so only ${env:...} sets it), the stage's retries and timeouts, and JSON
// requests and replies. The token is redacted from every message it builds.
#include "transfer_settings.hpp"

#include <reelflow/stage_context.hpp>

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::uploader {

// Where a target's API lives unless `api_base_url` says otherwise, and the
// environment variable its token is documented to come from.
struct PlatformEndpoint {
  std::string_view target;          // "youtube"
  std::string_view default_base;    // "https://www.googleapis.com"
  std::string_view token_variable;  // "YOUTUBE_ACCESS_TOKEN"
};

class PlatformClient {
 public:
  // Fails when `api_base_url` is not http(s) or `access_token` is empty.
  static Status open(StageContext& ctx, const PlatformEndpoint& endpoint, PlatformClient& client);

  const std::string& base_url() const { return base_url_; }
  const std::string& token() const { return token_; }
  const std::vector<std::string>& secrets() const { return secrets_; }
  const TransferSettings& settings() const { return settings_; }

  // A request with the stage's retries and timeout; `headers` go first, then, unless
  // `authorization` is empty, "Authorization: <authorization>".
  HttpRequest request(std::string method, std::string url, std::string_view authorization) const;
  // "Bearer <token>", the API's usual authorization.
  std::string bearer() const { return "Bearer " + token_; }

  HttpResponse send(const HttpRequest& request) const { return ctx_->http().send(request); }
  // A JSON body sent with the bearer token.
  HttpResponse send_json(std::string method, std::string url, const nlohmann::json& body) const;

  // The describe_failure() line for a refused or failed exchange, token removed; the
  // detail defaults to the API's own error message.
  std::string failure(const HttpResponse& response, std::string_view what, std::string_view detail = {}) const;
  // The reply's JSON object, or an error naming `what` when it is not one.
  Status read_json(const HttpResponse& response, std::string_view what, nlohmann::json& reply) const;

 private:
  StageContext* ctx_ = nullptr;
  std::string base_url_;
  std::string token_;
  std::vector<std::string> secrets_;
  TransferSettings settings_;
};

// The `error` of an API's JSON error reply: "message" (Google, Meta) or "code: message"
// (TikTok, whose codes are words); "" when the body holds none.
std::string api_error_message(std::string_view body);

// A string member of a JSON object (or of an object at a path of members), "" when absent.
std::string json_string(const nlohmann::json& object, std::initializer_list<const char*> path);

}  // namespace reelflow::uploader
