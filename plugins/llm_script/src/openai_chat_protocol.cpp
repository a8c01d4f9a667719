#include "openai_chat_protocol.hpp"

#include "script_prompt.hpp"
#include "text_tools.hpp"

namespace reelflow::llm_script {

using nlohmann::json;

std::string OpenAiChatProtocol::endpoint(const std::string& base_url) const {
  return join_url(base_url, "/chat/completions");
}

HttpHeaders OpenAiChatProtocol::headers(const std::string& api_key) const {
  return {{"Authorization", "Bearer " + api_key}, {"Content-Type", "application/json"}, {"Accept", "application/json"}};
}

json OpenAiChatProtocol::body(const ChatSettings& settings, const ChatConversation& conversation) const {
  json messages = json::array({{{"role", "system"}, {"content", conversation.system}}});
  for (const ChatTurn& turn : conversation.turns) messages.push_back({{"role", turn.role}, {"content", turn.content}});
  return {
      {"model", settings.model},
      {"temperature", settings.temperature},
      {"messages", messages},
      {"response_format",
       {{"type", "json_schema"},
        {"json_schema", {{"name", kScriptSchemaName}, {"strict", true}, {"schema", video_script_schema()}}}}},
  };
}

Status OpenAiChatProtocol::read_reply(std::string_view body, ChatReply& out) const {
  json reply = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (reply.is_discarded() || !reply.is_object()) return unreadable_response(body);
  if (auto usage = reply.find("usage"); usage != reply.end() && usage->is_object()) {
    out.prompt_tokens = token_count(*usage, "prompt_tokens");
    out.completion_tokens = token_count(*usage, "completion_tokens");
  }

  auto choices = reply.find("choices");
  if (choices == reply.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object())
    return malformed_reply("no choices[0]");
  const json& choice = (*choices)[0];
  auto finish = choice.find("finish_reason");
  if (finish != choice.end() && finish->is_string() && *finish == "length")
    return Status::error(
        "llm_script: reply truncated (finish_reason \"length\"); ask for fewer scenes or a shorter target_duration_s");
  auto message = choice.find("message");
  if (message == choice.end() || !message->is_object()) return malformed_reply("choices[0].message is missing");
  if (auto refusal = message->find("refusal"); refusal != message->end() && refusal->is_string())
    return Status::error("llm_script: the model refused: " + one_line_snippet(refusal->get<std::string>(), 120));
  auto content = message->find("content");
  if (content == message->end() || !content->is_string())
    return malformed_reply("choices[0].message.content is missing");
  out.text = content->get<std::string>();
  return Status::ok();
}

}  // namespace reelflow::llm_script
