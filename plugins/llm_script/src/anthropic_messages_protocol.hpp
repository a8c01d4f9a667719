#pragma once
// Anthropic's Messages API (Claude): POST {base_url}/v1/messages with the key in
// x-api-key and anthropic-version 2023-06-01; the script is the text blocks of
// `content`. It has no response_format, so the schema travels in the system prompt.
#include "chat_protocol.hpp"

namespace reelflow::llm_script {

inline constexpr const char* kAnthropicVersion = "2023-06-01";

class AnthropicMessagesProtocol final : public ChatProtocol {
 public:
  std::string endpoint(const std::string& base_url) const override;
  HttpHeaders headers(const std::string& api_key) const override;
  nlohmann::json body(const ChatSettings& settings, const ChatConversation& conversation) const override;
  bool schema_in_prompt() const override { return true; }
  Status read_reply(std::string_view body, ChatReply& out) const override;
};

}  // namespace reelflow::llm_script
