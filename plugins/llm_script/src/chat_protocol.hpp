#pragma once
// A chat API's wire protocol: where a conversation is POSTed, with which headers and
// body, and how the answer is read back. The writer does the rest (HTTP, retries,
// validation, the repair request) the same way for every provider.
#include "chat_conversation.hpp"
#include "chat_settings.hpp"

#include <reelflow/http.hpp>
#include <reelflow/status.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace reelflow::llm_script {

class ChatProtocol {
 public:
  virtual ~ChatProtocol() = default;

  virtual std::string endpoint(const std::string& base_url) const = 0;
  // The key goes in here only; the caller also lists it in HttpRequest::secrets.
  virtual HttpHeaders headers(const std::string& api_key) const = 0;
  virtual nlohmann::json body(const ChatSettings& settings, const ChatConversation& conversation) const = 0;
  // Whether the system instructions must carry the script's JSON schema themselves
  // (the API has no structured output to enforce it).
  virtual bool schema_in_prompt() const = 0;
  // The model's text; an error (one line, "llm_script: ...") for a truncated, refused
  // or unreadable answer, none of which a repair request could fix.
  virtual Status read_reply(std::string_view body, ChatReply& out) const = 0;
};

std::unique_ptr<ChatProtocol> make_chat_protocol(ChatWire wire);

// "https://x/v1/" + "/chat/completions" without a doubled slash.
std::string join_url(std::string base_url, std::string_view path);

// "llm_script: malformed reply: <what>": the answer is not what the protocol promises.
Status malformed_reply(const std::string& what);

// The server's answer is not JSON at all (an HTML gateway page, an empty body).
Status unreadable_response(std::string_view body);

// usage[key] when it is an integer, else -1 (the server did not say).
long token_count(const nlohmann::json& usage, const char* key);

}  // namespace reelflow::llm_script
