#pragma once
// The remote providers (openai, gemini, anthropic): asks a chat model for the script
// in its provider's protocol and checks the reply against the script schema. A reply
// that is not valid JSON or breaks the schema gets one repair request (the model is
// told what was wrong); a second unusable reply is an error naming the field.
#include "chat_settings.hpp"
#include "script_brief.hpp"

#include <reelflow/stage_context.hpp>
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::llm_script {

// Reads the script into `out` (topic included) and the model's hashtags, as it wrote
// them, into `hashtags`. At most two requests (each retried by ctx.http() on 5xx, 429,
// 529, 408 and network errors, up to max_attempts).
Status write_script_with_chat_model(StageContext& ctx, const ScriptBrief& brief, const ChatSettings& settings,
                                    Script& out, std::vector<std::string>& hashtags);

}  // namespace reelflow::llm_script
