#pragma once
// What a chat model is told: the instructions and request for a script, the JSON
// schema (structured outputs, strict mode) the reply must follow, and the follow-up
// that asks for a corrected reply.
#include "chat_conversation.hpp"
#include "script_brief.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::llm_script {

inline constexpr const char* kScriptSchemaName = "video_script";

nlohmann::json video_script_schema();

// The system instructions (scene count, word budget, caption length, language, style;
// with schema_in_prompt also the schema itself, for APIs that cannot enforce it) and
// one user turn with the topic and its notes.
ChatConversation script_conversation(const ScriptBrief& brief, bool schema_in_prompt);

// The user turn after an unusable reply: what was wrong, and to answer with the
// corrected JSON only.
std::string repair_request(const std::string& problem);

}  // namespace reelflow::llm_script
