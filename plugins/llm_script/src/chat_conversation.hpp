#pragma once
// What is said to a chat model, independent of the wire protocol: the system
// instructions and the turns so far (user, then assistant and user for a repair).
#include <string>
#include <vector>

namespace reelflow::llm_script {

struct ChatTurn {
  std::string role;  // "user" or "assistant"
  std::string content;
};

struct ChatConversation {
  std::string system;
  std::vector<ChatTurn> turns;
};

// What a model answered: its text and, when the server says, the tokens it cost.
struct ChatReply {
  std::string text;
  long prompt_tokens = -1;  // -1: the server did not say
  long completion_tokens = -1;
};

}  // namespace reelflow::llm_script
