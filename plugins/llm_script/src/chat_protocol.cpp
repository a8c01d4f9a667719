#include "chat_protocol.hpp"

#include "anthropic_messages_protocol.hpp"
#include "openai_chat_protocol.hpp"
#include "text_tools.hpp"

namespace reelflow::llm_script {

std::unique_ptr<ChatProtocol> make_chat_protocol(ChatWire wire) {
  switch (wire) {
    case ChatWire::AnthropicMessages:
      return std::make_unique<AnthropicMessagesProtocol>();
    case ChatWire::OpenAiChatCompletions:
      break;
  }
  return std::make_unique<OpenAiChatProtocol>();
}

std::string join_url(std::string base_url, std::string_view path) {
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  return base_url + std::string(path);
}

Status malformed_reply(const std::string& what) { return Status::error("llm_script: malformed reply: " + what); }

Status unreadable_response(std::string_view body) {
  return malformed_reply("the response is not a JSON object: " +
                         (body.empty() ? std::string("(empty body)") : one_line_snippet(body, 120)));
}

long token_count(const nlohmann::json& usage, const char* key) {
  auto n = usage.find(key);
  return n != usage.end() && n->is_number_integer() ? n->get<long>() : -1L;
}

}  // namespace reelflow::llm_script
