#pragma once
// The remote providers of the stage: which wire protocol each speaks, its API root
// and model when the graph names none, and the environment variable its key is
// expected in (for the "needs api_key" message).
#include <string_view>

namespace reelflow::llm_script {

enum class ChatWire {
  OpenAiChatCompletions,  // POST {base_url}/chat/completions, Authorization: Bearer
  AnthropicMessages,      // POST {base_url}/v1/messages, x-api-key
};

struct ChatProvider {
  std::string_view name;
  ChatWire wire;
  std::string_view default_base_url;
  std::string_view default_model;
  std::string_view key_env;
};

// openai, gemini (its OpenAI-compatible endpoint) or anthropic; nullptr for anything
// else (offline).
const ChatProvider* find_chat_provider(std::string_view name);

}  // namespace reelflow::llm_script
