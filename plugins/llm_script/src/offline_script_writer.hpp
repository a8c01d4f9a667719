#pragma once
// The "offline" provider: writes a complete script without any service, from
// the topic alone (rhetorical templates) or from notes (one scene per point).
// Deterministic: the same brief always gives the same script.
#include "script_brief.hpp"

#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script {

struct WrittenScript {
  Script script;
  std::vector<std::string> notices;  // what the user should know, e.g. a length far from the target
};

// The templates are English; other languages need the openai provider.
bool offline_writer_supports(std::string_view language);

Status write_offline_script(const ScriptBrief& brief, WrittenScript& out);

}  // namespace reelflow::llm_script
