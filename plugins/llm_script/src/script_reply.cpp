#include "script_reply.hpp"

#include "text_tools.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace reelflow::llm_script {
namespace {

using nlohmann::json;

constexpr std::size_t kSnippetChars = 120;

Status malformed(const std::string& what) { return Status::error("llm_script: malformed reply: " + what); }

// Some OpenAI-compatible servers ignore response_format and fence the JSON.
std::string_view strip_code_fence(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  if (!text.starts_with("```") || !text.ends_with("```") || text.size() < 6) return text;
  text = text.substr(3, text.size() - 6);
  std::size_t newline = text.find('\n');
  if (newline != std::string_view::npos && text.substr(0, newline).find_first_of("{[") == std::string_view::npos)
    text.remove_prefix(newline + 1);  // the "json" language tag
  return trim(text);
}

// A trimmed string field; false when it is missing or not a string.
bool read_text(const json& object, const char* key, std::string& out) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return false;
  out = collapse_whitespace(it->get<std::string>());
  return true;
}

Status read_scenes(const json& scenes, Script& out) {
  if (!scenes.is_array()) return malformed("'scenes' is not an array");
  if (scenes.empty()) return malformed("the script has zero scenes");
  for (std::size_t i = 0; i < scenes.size(); ++i) {
    std::string where = "scenes[" + std::to_string(i) + "]";
    const json& item = scenes[i];
    if (!item.is_object()) return malformed(where + " is not an object");
    ScriptScene scene;
    if (!read_text(item, "narration", scene.narration))
      return malformed(where + ".narration is missing or not a string");
    if (scene.narration.empty()) return malformed(where + ".narration is empty");
    if (!read_text(item, "caption", scene.caption) || scene.caption.empty())
      scene.caption = shorten_phrase(scene.narration, 5);
    if (!read_text(item, "visual", scene.visual) || scene.visual.empty()) scene.visual = scene.narration;
    out.scenes.push_back(std::move(scene));
  }
  return Status::ok();
}

// Optional (older prompts and servers leave it out); present, it is a list of strings.
Status read_hashtags(const json& script, std::vector<std::string>& out) {
  auto it = script.find("hashtags");
  if (it == script.end() || it->is_null()) return Status::ok();
  if (!it->is_array()) return malformed("'hashtags' is not an array");
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) return malformed("hashtags[" + std::to_string(i) + "] is not a string");
    out.push_back((*it)[i].get<std::string>());
  }
  return Status::ok();
}

void read_usage(const json& reply, ReplyUsage& usage) {
  auto it = reply.find("usage");
  if (it == reply.end() || !it->is_object()) return;
  auto count = [&](const char* key) {
    auto n = it->find(key);
    return n != it->end() && n->is_number_integer() ? n->get<long>() : -1L;
  };
  usage.prompt_tokens = count("prompt_tokens");
  usage.completion_tokens = count("completion_tokens");
}

}  // namespace

Status parse_script_reply(std::string_view body, Script& out, std::vector<std::string>& hashtags,
                          ReplyUsage& usage) {
  json reply = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (reply.is_discarded() || !reply.is_object())
    return malformed("the response is not a JSON object: " +
                     (body.empty() ? std::string("(empty body)") : one_line_snippet(body, kSnippetChars)));
  read_usage(reply, usage);

  auto choices = reply.find("choices");
  if (choices == reply.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object())
    return malformed("no choices[0]");
  const json& choice = (*choices)[0];
  auto finish = choice.find("finish_reason");
  if (finish != choice.end() && finish->is_string() && *finish == "length")
    return Status::error(
        "llm_script: reply truncated (finish_reason \"length\"); ask for fewer scenes or a shorter target_duration_s");
  auto message = choice.find("message");
  if (message == choice.end() || !message->is_object()) return malformed("choices[0].message is missing");
  if (auto refusal = message->find("refusal"); refusal != message->end() && refusal->is_string())
    return Status::error("llm_script: the model refused: " +
                         one_line_snippet(refusal->get<std::string>(), kSnippetChars));
  auto content = message->find("content");
  if (content == message->end() || !content->is_string())
    return malformed("choices[0].message.content is missing");

  std::string text = content->get<std::string>();
  json script = json::parse(strip_code_fence(text), nullptr, /*allow_exceptions=*/false);
  if (script.is_discarded() || !script.is_object())
    return malformed("the content is not a JSON object: " + one_line_snippet(text, kSnippetChars));
  if (!read_text(script, "title", out.title)) return malformed("'title' is missing or not a string");
  if (!read_text(script, "hook", out.hook)) return malformed("'hook' is missing or not a string");
  if (Status read = read_hashtags(script, hashtags); !read) return read;
  auto scenes = script.find("scenes");
  if (scenes == script.end()) return malformed("'scenes' is missing");
  return read_scenes(*scenes, out);
}

}  // namespace reelflow::llm_script
