#pragma once
// OpenAI chat completions (also Gemini's OpenAI-compatible endpoint, vLLM, Ollama, ...):
// POST {base_url}/chat/completions with a strict JSON schema as response_format; the
// script is choices[0].message.content.
#include "chat_protocol.hpp"

namespace reelflow::llm_script {

class OpenAiChatProtocol final : public ChatProtocol {
 public:
  std::string endpoint(const std::string& base_url) const override;
  HttpHeaders headers(const std::string& api_key) const override;
  nlohmann::json body(const ChatSettings& settings, const ChatConversation& conversation) const override;
  bool schema_in_prompt() const override { return false; }
  Status read_reply(std::string_view body, ChatReply& out) const override;
};

}  // namespace reelflow::llm_script
