#pragma once
// What the openai provider sends: the chat messages that ask for a script and
// the JSON schema (structured outputs, strict mode) the reply must follow.
#include "script_brief.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::llm_script {

inline constexpr const char* kScriptSchemaName = "video_script";

nlohmann::json video_script_schema();

// [system, user]: the rules (scene count, word budget, caption length, language,
// style) and the topic with its notes.
nlohmann::json script_messages(const ScriptBrief& brief);

}  // namespace reelflow::llm_script
