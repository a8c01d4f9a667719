#include "chat_provider.hpp"

#include <array>

namespace reelflow::llm_script {
namespace {

constexpr std::array kProviders = {
    ChatProvider{"openai", ChatWire::OpenAiChatCompletions, "https://api.openai.com/v1", "gpt-4o-mini",
                 "OPENAI_API_KEY"},
    // Gemini answers the OpenAI chat-completions protocol (structured outputs included) here.
    ChatProvider{"gemini", ChatWire::OpenAiChatCompletions,
                 "https://generativelanguage.googleapis.com/v1beta/openai", "gemini-2.5-flash", "GEMINI_API_KEY"},
    ChatProvider{"anthropic", ChatWire::AnthropicMessages, "https://api.anthropic.com", "claude-sonnet-4-5",
                 "ANTHROPIC_API_KEY"},
};

}  // namespace

const ChatProvider* find_chat_provider(std::string_view name) {
  for (const ChatProvider& provider : kProviders)
    if (provider.name == name) return &provider;
  return nullptr;
}

}  // namespace reelflow::llm_script
