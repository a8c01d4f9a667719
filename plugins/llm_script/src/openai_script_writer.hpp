#pragma once
// The "openai" provider: asks an OpenAI-compatible chat-completions endpoint for
// the script, with a JSON schema so the reply is a script and nothing else.
#include "script_brief.hpp"

#include <reelflow/stage_context.hpp>
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <string>
#include <vector>

namespace reelflow::llm_script {

struct OpenAiSettings {
  std::string base_url = "https://api.openai.com/v1";  // POST {base_url}/chat/completions
  std::string model = "gpt-4o-mini";
  std::string api_key;  // secret: only in the Authorization header and HttpRequest::secrets
  double temperature = 0.7;
  double timeout_s = 60;
  int max_attempts = 3;
};

// Sends one request through ctx.http() (which retries 5xx/429/408 and transport
// errors up to max_attempts) and reads the reply into `out` (topic included) and the
// model's hashtags, as it wrote them, into `hashtags`.
Status write_script_with_openai(StageContext& ctx, const ScriptBrief& brief, const OpenAiSettings& settings,
                                Script& out, std::vector<std::string>& hashtags);

}  // namespace reelflow::llm_script
