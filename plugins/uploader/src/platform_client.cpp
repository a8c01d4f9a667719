#include "platform_client.hpp"

#include "failure_message.hpp"

namespace reelflow::uploader {

Status PlatformClient::open(StageContext& ctx, const PlatformEndpoint& endpoint, PlatformClient& client) {
  const ParamSet& params = ctx.params();
  std::string base = params.str("api_base_url");
  if (base.empty()) base = endpoint.default_base;
  if (base.rfind("http://", 0) != 0 && base.rfind("https://", 0) != 0)
    return Status::error("param 'api_base_url' must be an http:// or https:// URL, got '" + base + "'");
  while (base.back() == '/') base.pop_back();
  const std::string& token = params.str("access_token");
  if (token.empty())
    return Status::error("target '" + std::string(endpoint.target) +
                         "' needs param 'access_token' (set it to \"${env:" + std::string(endpoint.token_variable) +
                         "}\")");
  client.ctx_ = &ctx;
  client.base_url_ = std::move(base);
  client.token_ = token;
  client.secrets_ = {token};
  client.settings_ = TransferSettings::from(ctx);
  return Status::ok();
}

HttpRequest PlatformClient::request(std::string method, std::string url, std::string_view authorization) const {
  HttpRequest request = settings_.request(std::move(method), std::move(url), secrets_);
  if (!authorization.empty()) request.headers.emplace_back("Authorization", std::string(authorization));
  return request;
}

HttpResponse PlatformClient::send_json(std::string method, std::string url, const nlohmann::json& body) const {
  HttpRequest call = request(std::move(method), std::move(url), bearer());
  call.headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
  call.body = body.dump();
  return send(call);
}

std::string PlatformClient::failure(const HttpResponse& response, std::string_view what,
                                    std::string_view detail) const {
  std::string api_error = detail.empty() && response.error.empty() ? api_error_message(response.body) : "";
  return describe_failure(response, what, secrets_, detail.empty() ? api_error : detail);
}

Status PlatformClient::read_json(const HttpResponse& response, std::string_view what, nlohmann::json& reply) const {
  reply = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (reply.is_object()) return Status::ok();
  return Status::error(
      redact(std::string(what) + ": the reply is not a JSON object: " + one_line(response.body, 80), secrets_));
}

std::string api_error_message(std::string_view body) {
  nlohmann::json reply = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!reply.is_object()) return {};
  std::string message = json_string(reply, {"error", "message"});
  std::string code = json_string(reply, {"error", "code"});  // TikTok's codes are words
  if (code.empty() || code == "ok") return message;
  return message.empty() ? code : code + ": " + message;
}

std::string json_string(const nlohmann::json& object, std::initializer_list<const char*> path) {
  const nlohmann::json* at = &object;
  for (const char* member : path) {
    if (!at->is_object()) return {};
    auto it = at->find(member);
    if (it == at->end()) return {};
    at = &*it;
  }
  return at->is_string() ? at->get<std::string>() : std::string();
}

}  // namespace reelflow::uploader
