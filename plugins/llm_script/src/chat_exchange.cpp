#include "chat_exchange.hpp"

#include "text_tools.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace reelflow::llm_script {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxReplyBytes = 4u << 20;
constexpr std::int64_t kMaxConnectTimeoutMs = 10'000;
// Keys shorter than this are not redacted: replacing them would mangle ordinary text.
constexpr std::size_t kMinRedactedKeyLength = 4;

// The server's own explanation ({"error":{"message":...}}, as OpenAI, Gemini and
// Anthropic send it) when it gives one, else the body's start.
std::string error_detail(const std::string& body) {
  json reply = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!reply.is_discarded() && reply.is_object()) {
    auto error = reply.find("error");
    if (error != reply.end() && error->is_object() && error->contains("message") && (*error)["message"].is_string())
      return one_line_snippet((*error)["message"].get<std::string>(), 200);
    if (error != reply.end() && error->is_string()) return one_line_snippet(error->get<std::string>(), 200);
  }
  return one_line_snippet(body, 200);
}

}  // namespace

ChatExchange::ChatExchange(StageContext& ctx, const ChatSettings& settings, const ChatProtocol& protocol)
    : ctx_(ctx), settings_(settings), protocol_(protocol), url_(protocol.endpoint(settings.base_url)) {
  // As the HTTP client shows it: no query string, where keys sometimes travel.
  shown_url_ = redact(url_.substr(0, url_.find_first_of("?#")));
}

std::string ChatExchange::redact(std::string text) const {
  if (settings_.api_key.size() < kMinRedactedKeyLength) return text;
  return replace_all(std::move(text), settings_.api_key, "***");
}

std::string ChatExchange::describe_failure(const HttpResponse& response) const {
  // A transport error already names the request and the attempts.
  if (!response.error.empty()) return "llm_script: " + one_line_snippet(response.error, 300);
  std::string message = "llm_script: POST " + shown_url_ + ": " + response.status_text();
  std::string detail = error_detail(response.body);
  if (!detail.empty()) message += ": " + detail;
  if (response.refused_credentials()) message += " (check api_key)";
  if (response.attempts > 1) message += " (after " + std::to_string(response.attempts) + " attempts)";
  return message;
}

Status ChatExchange::send(const ChatConversation& conversation, ChatReply& reply) {
  HttpRequest request;
  request.method = "POST";
  request.url = url_;
  request.headers = protocol_.headers(settings_.api_key);
  request.body = protocol_.body(settings_, conversation).dump();
  request.timeout_ms = static_cast<std::int64_t>(settings_.timeout_s * 1000.0);
  request.connect_timeout_ms = std::min(kMaxConnectTimeoutMs, request.timeout_ms);
  request.max_response_bytes = kMaxReplyBytes;
  RetryPolicy retry = ctx_.retry_policy();
  retry.max_attempts = settings_.max_attempts;
  request.retry = retry;
  request.secrets = {settings_.api_key};

  if (ctx_.cancelled()) return Status::error("cancelled");
  HttpResponse response = ctx_.http().send(request);
  if (ctx_.cancelled()) return Status::error("cancelled");
  if (!response.ok()) return Status::error(redact(describe_failure(response)));
  if (Status read = protocol_.read_reply(response.body, reply); !read) return Status::error(redact(read.message()));
  if (reply.prompt_tokens >= 0)
    ctx_.log(LogLevel::Info, std::to_string(reply.prompt_tokens) + " prompt and " +
                                 std::to_string(reply.completion_tokens) + " completion tokens");
  return Status::ok();
}

}  // namespace reelflow::llm_script
