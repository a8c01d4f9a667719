#pragma once
// Reads a chat-completions reply (OpenAI-compatible) into a Script, with a
// one-line error for truncated, refused or malformed replies.
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script {

struct ReplyUsage {
  long prompt_tokens = -1;  // -1: the server did not say
  long completion_tokens = -1;
};

// Fills title, hook and scenes (topic is the caller's), and the hashtags as the model
// wrote them (none when it left them out; not an array of strings is an error). Empty
// captions and visuals are derived from the narration; an empty narration or no scenes
// is an error.
Status parse_script_reply(std::string_view body, Script& out, std::vector<std::string>& hashtags,
                          ReplyUsage& usage);

}  // namespace reelflow::llm_script
