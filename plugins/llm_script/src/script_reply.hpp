#pragma once
// Reads a chat-completions reply (OpenAI-compatible) into a Script, with a
// one-line error for truncated, refused or malformed replies.
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <string>
#include <string_view>

namespace reelflow::llm_script {

struct ReplyUsage {
  long prompt_tokens = -1;  // -1: the server did not say
  long completion_tokens = -1;
};

// Fills title, hook and scenes (topic is the caller's). Empty captions and visuals
// are derived from the narration; an empty narration or no scenes is an error.
Status parse_script_reply(std::string_view body, Script& out, ReplyUsage& usage);

}  // namespace reelflow::llm_script
