#include "chat_script_writer.hpp"

#include "chat_exchange.hpp"
#include "chat_protocol.hpp"
#include "script_json.hpp"
#include "script_prompt.hpp"

#include <memory>

namespace reelflow::llm_script {
namespace {

// The first request and one repair: a model that gets the schema wrong twice is
// unlikely to get it right on a third try, and each try costs tokens.
constexpr int kMaxScriptRequests = 2;

Status check_settings(const ChatSettings& s) {
  const std::string provider(s.provider->name);
  if (s.api_key.empty())
    return Status::error("llm_script: provider " + provider + " needs api_key (set it with ${env:" +
                         std::string(s.provider->key_env) + "})");
  if (s.model.empty()) return Status::error("llm_script: param 'model' is empty");
  if (!s.base_url.starts_with("http://") && !s.base_url.starts_with("https://"))
    return Status::error("llm_script: base_url '" + s.base_url + "' must start with http:// or https://");
  return Status::ok();
}

}  // namespace

Status write_script_with_chat_model(StageContext& ctx, const ScriptBrief& brief, const ChatSettings& settings,
                                    Script& out, std::vector<std::string>& hashtags) {
  const std::unique_ptr<ChatProtocol> protocol = make_chat_protocol(settings.provider->wire);
  ChatExchange exchange(ctx, settings, *protocol);
  if (Status checked = check_settings(settings); !checked) return Status::error(exchange.redact(checked.message()));

  ctx.log(LogLevel::Info, "asking " + settings.model + " at " + exchange.shown_url() + " for " +
                              std::to_string(brief.scenes) + " scenes of about " +
                              std::to_string(brief.target_words()) + " words in total");
  ChatConversation conversation = script_conversation(brief, protocol->schema_in_prompt());
  Script script;
  for (int request = 1; request <= kMaxScriptRequests; ++request) {
    ctx.progress(0.1 + 0.4 * (request - 1), request == 1 ? "waiting for " + settings.model : "asking for a repair");
    ChatReply reply;
    if (Status sent = exchange.send(conversation, reply); !sent) return sent;
    Status read = read_script_json(reply.text, script, hashtags);
    if (read) break;
    const std::string problem = read.message();
    if (request == kMaxScriptRequests)
      return Status::error(
          exchange.redact("llm_script: malformed reply: " + problem + " (still after a repair request)"));
    ctx.log(LogLevel::Warn,
            exchange.redact("unusable reply (" + problem + "); asking " + settings.model + " to fix it"));
    conversation.turns.push_back({"assistant", std::move(reply.text)});
    conversation.turns.push_back({"user", repair_request(problem)});
  }
  script.topic = brief.topic;
  if (static_cast<int>(script.scenes.size()) != brief.scenes)
    ctx.log(LogLevel::Warn, "the model wrote " + std::to_string(script.scenes.size()) + " scenes instead of " +
                                std::to_string(brief.scenes));
  out = std::move(script);
  return Status::ok();
}

}  // namespace reelflow::llm_script
