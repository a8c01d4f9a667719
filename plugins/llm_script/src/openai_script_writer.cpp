#include "openai_script_writer.hpp"

#include "script_prompt.hpp"
#include "script_reply.hpp"
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

std::string redact(std::string text, const std::string& key) {
  if (key.size() < kMinRedactedKeyLength) return text;
  return replace_all(std::move(text), key, "***");
}

std::string completions_url(std::string base_url) {
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  return base_url + "/chat/completions";
}

json request_body(const ScriptBrief& brief, const OpenAiSettings& settings) {
  return {
      {"model", settings.model},
      {"temperature", settings.temperature},
      {"messages", script_messages(brief)},
      {"response_format",
       {{"type", "json_schema"},
        {"json_schema", {{"name", kScriptSchemaName}, {"strict", true}, {"schema", video_script_schema()}}}}},
  };
}

// The server's own explanation ({"error":{"message":...}}) when it gives one, else the body's start.
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

std::string describe_failure(const HttpResponse& response, const std::string& url) {
  // A transport error already names the request and the attempts.
  if (!response.error.empty()) return "llm_script: " + one_line_snippet(response.error, 300);
  std::string message = "llm_script: POST " + url + ": " + response.status_text();
  std::string detail = error_detail(response.body);
  if (!detail.empty()) message += ": " + detail;
  if (response.refused_credentials()) message += " (check api_key)";
  if (response.attempts > 1) message += " (after " + std::to_string(response.attempts) + " attempts)";
  return message;
}

}  // namespace

Status write_script_with_openai(StageContext& ctx, const ScriptBrief& brief, const OpenAiSettings& settings,
                                Script& out, std::vector<std::string>& hashtags) {
  if (settings.api_key.empty())
    return Status::error("llm_script: provider openai needs api_key (set it with ${env:OPENAI_API_KEY})");
  if (settings.model.empty()) return Status::error("llm_script: param 'model' is empty");
  if (!settings.base_url.starts_with("http://") && !settings.base_url.starts_with("https://"))
    return Status::error("llm_script: base_url '" + redact(settings.base_url, settings.api_key) +
                         "' must start with http:// or https://");

  HttpRequest request;
  request.method = "POST";
  request.url = completions_url(settings.base_url);
  request.headers = {{"Authorization", "Bearer " + settings.api_key},
                     {"Content-Type", "application/json"},
                     {"Accept", "application/json"}};
  request.body = request_body(brief, settings).dump();
  request.timeout_ms = static_cast<std::int64_t>(settings.timeout_s * 1000.0);
  request.connect_timeout_ms = std::min(kMaxConnectTimeoutMs, request.timeout_ms);
  request.max_response_bytes = kMaxReplyBytes;
  RetryPolicy retry = ctx.retry_policy();
  retry.max_attempts = settings.max_attempts;
  request.retry = retry;
  request.secrets = {settings.api_key};

  // As the HTTP client shows it: no query string, where keys sometimes travel.
  const std::string shown_url = redact(request.url.substr(0, request.url.find_first_of("?#")), settings.api_key);
  if (ctx.cancelled()) return Status::error("cancelled");
  ctx.log(LogLevel::Info, "asking " + settings.model + " at " + shown_url + " for " +
                              std::to_string(brief.scenes) + " scenes of about " +
                              std::to_string(brief.target_words()) + " words in total");
  ctx.progress(0.1, "waiting for " + settings.model);

  HttpResponse response = ctx.http().send(request);
  if (ctx.cancelled()) return Status::error("cancelled");
  if (!response.ok()) return Status::error(redact(describe_failure(response, shown_url), settings.api_key));
  ctx.progress(0.9, "reading the reply");

  Script script;
  ReplyUsage usage;
  Status parsed = parse_script_reply(response.body, script, hashtags, usage);
  if (!parsed) return Status::error(redact(parsed.message(), settings.api_key));
  script.topic = brief.topic;
  if (usage.prompt_tokens >= 0)
    ctx.log(LogLevel::Info, std::to_string(usage.prompt_tokens) + " prompt and " +
                                std::to_string(usage.completion_tokens) + " completion tokens");
  if (static_cast<int>(script.scenes.size()) != brief.scenes)
    ctx.log(LogLevel::Warn, "the model wrote " + std::to_string(script.scenes.size()) +
                                " scenes instead of " + std::to_string(brief.scenes));
  out = std::move(script);
  return Status::ok();
}

}  // namespace reelflow::llm_script
