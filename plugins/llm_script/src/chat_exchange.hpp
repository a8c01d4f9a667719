#pragma once
// One request to a chat API through ctx.http(): the conversation sent in the
// provider's protocol with the params' timeout and attempts (the client retries
// 5xx, 429, 529, 408 and network errors; a refused key is sent once), and the
// model's text read back. Every failure is one line without the key.
#include "chat_conversation.hpp"
#include "chat_protocol.hpp"
#include "chat_settings.hpp"

#include <reelflow/stage_context.hpp>
#include <reelflow/status.hpp>

#include <string>

namespace reelflow::llm_script {

class ChatExchange {
 public:
  ChatExchange(StageContext& ctx, const ChatSettings& settings, const ChatProtocol& protocol);

  // The URL as messages show it: no query string, no key.
  const std::string& shown_url() const { return shown_url_; }

  Status send(const ChatConversation& conversation, ChatReply& reply);

  // `text` with the key replaced by ***.
  std::string redact(std::string text) const;

 private:
  std::string describe_failure(const HttpResponse& response) const;

  StageContext& ctx_;
  const ChatSettings& settings_;
  const ChatProtocol& protocol_;
  std::string url_;
  std::string shown_url_;
};

}  // namespace reelflow::llm_script
