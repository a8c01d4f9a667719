#include "anthropic_messages_protocol.hpp"

#include "text_tools.hpp"

#include <algorithm>

namespace reelflow::llm_script {

using nlohmann::json;

std::string AnthropicMessagesProtocol::endpoint(const std::string& base_url) const {
  return join_url(base_url, "/v1/messages");
}

HttpHeaders AnthropicMessagesProtocol::headers(const std::string& api_key) const {
  return {{"x-api-key", api_key},
          {"anthropic-version", kAnthropicVersion},
          {"Content-Type", "application/json"},
          {"Accept", "application/json"}};
}

json AnthropicMessagesProtocol::body(const ChatSettings& settings, const ChatConversation& conversation) const {
  json messages = json::array();
  for (const ChatTurn& turn : conversation.turns) messages.push_back({{"role", turn.role}, {"content", turn.content}});
  return {
      {"model", settings.model},
      {"max_tokens", settings.max_tokens},
      {"temperature", std::min(settings.temperature, 1.0)},  // Anthropic accepts 0-1
      {"system", conversation.system},
      {"messages", messages},
  };
}

Status AnthropicMessagesProtocol::read_reply(std::string_view body, ChatReply& out) const {
  json reply = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (reply.is_discarded() || !reply.is_object()) return unreadable_response(body);
  if (auto usage = reply.find("usage"); usage != reply.end() && usage->is_object()) {
    out.prompt_tokens = token_count(*usage, "input_tokens");
    out.completion_tokens = token_count(*usage, "output_tokens");
  }

  auto stop = reply.find("stop_reason");
  const std::string stop_reason = stop != reply.end() && stop->is_string() ? stop->get<std::string>() : "";
  // The JSON was cut off mid-way: a repair would be cut off the same way.
  if (stop_reason == "max_tokens")
    return Status::error("llm_script: reply truncated (stop_reason \"max_tokens\"); raise max_tokens or ask for "
                         "fewer scenes or a shorter target_duration_s");

  auto content = reply.find("content");
  if (content == reply.end() || !content->is_array()) return malformed_reply("'content' is missing or not an array");
  std::string text;
  for (const json& block : *content) {
    auto kind = block.find("type");
    auto part = block.find("text");
    if (block.is_object() && kind != block.end() && *kind == "text" && part != block.end() && part->is_string())
      text += part->get<std::string>();
  }
  if (stop_reason == "refusal")
    return Status::error("llm_script: the model refused: " +
                         (text.empty() ? std::string("(no reason given)") : one_line_snippet(text, 120)));
  if (text.empty()) return malformed_reply("no text block in 'content'");
  out.text = std::move(text);
  return Status::ok();
}

}  // namespace reelflow::llm_script
