#pragma once
// How the stage talks to a chat model: the provider and what the params say.
#include "chat_provider.hpp"

#include <string>

namespace reelflow::llm_script {

struct ChatSettings {
  const ChatProvider* provider = nullptr;  // never null once read from the params
  std::string base_url;  // the provider's default when the param is empty
  std::string model;     // the provider's default when the param is empty
  std::string api_key;   // secret: only in its header and HttpRequest::secrets
  double temperature = 0.7;
  int max_tokens = 4096;
  double timeout_s = 60;
  int max_attempts = 3;
};

}  // namespace reelflow::llm_script
