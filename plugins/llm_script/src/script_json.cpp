#include "script_json.hpp"

#include "text_tools.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace reelflow::llm_script {
namespace {

using nlohmann::json;

constexpr std::size_t kSnippetChars = 120;

// Some servers ignore response_format, and Claude has none: the JSON may come fenced.
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

// Characters as a reader counts them: UTF-8 continuation bytes do not start one.
std::size_t char_count(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

Status too_long(const std::string& path, std::size_t chars, std::size_t max) {
  return Status::error(path + " is " + std::to_string(chars) + " characters long (at most " + std::to_string(max) +
                       ")");
}

// A trimmed string field of at most max characters; `shown` names it in errors.
Status read_text(const json& object, const char* key, const std::string& shown, std::size_t max,
                 std::string& out) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return Status::error(shown + " is missing or not a string");
  out = collapse_whitespace(it->get<std::string>());
  if (std::size_t n = char_count(out); n > max) return too_long(shown, n, max);
  return Status::ok();
}

// Caption and visual may be left empty or out: they are derived from the narration.
Status read_optional_text(const json& object, const char* key, const std::string& shown, std::size_t max,
                          std::string& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Status::ok();
  return read_text(object, key, shown, max, out);
}

Status read_scene(const json& item, const std::string& where, ScriptScene& scene) {
  if (!item.is_object()) return Status::error(where + " is not an object");
  if (Status s = read_text(item, "narration", where + ".narration", kMaxNarrationChars, scene.narration); !s)
    return s;
  if (scene.narration.empty()) return Status::error(where + ".narration is empty");
  if (Status s = read_optional_text(item, "caption", where + ".caption", kMaxCaptionChars, scene.caption); !s)
    return s;
  if (Status s = read_optional_text(item, "visual", where + ".visual", kMaxVisualChars, scene.visual); !s) return s;
  if (scene.caption.empty()) scene.caption = shorten_phrase(scene.narration, 5);
  if (scene.visual.empty()) scene.visual = scene.narration;
  return Status::ok();
}

Status read_scenes(const json& script, Script& out) {
  auto scenes = script.find("scenes");
  if (scenes == script.end()) return Status::error("'scenes' is missing");
  if (!scenes->is_array()) return Status::error("'scenes' is not an array");
  if (scenes->empty()) return Status::error("the script has zero scenes");
  if (scenes->size() > kMaxScriptScenes)
    return Status::error("'scenes' has " + std::to_string(scenes->size()) + " items (at most " +
                         std::to_string(kMaxScriptScenes) + ")");
  for (std::size_t i = 0; i < scenes->size(); ++i) {
    ScriptScene scene;
    if (Status s = read_scene((*scenes)[i], "scenes[" + std::to_string(i) + "]", scene); !s) return s;
    out.scenes.push_back(std::move(scene));
  }
  return Status::ok();
}

// Optional (older prompts and servers leave it out); present, it is a list of strings.
Status read_hashtags(const json& script, std::vector<std::string>& out) {
  auto it = script.find("hashtags");
  if (it == script.end() || it->is_null()) return Status::ok();
  if (!it->is_array()) return Status::error("'hashtags' is not an array");
  if (it->size() > kMaxRawHashtags)
    return Status::error("'hashtags' has " + std::to_string(it->size()) + " items (at most " +
                         std::to_string(kMaxRawHashtags) + ")");
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) return Status::error("hashtags[" + std::to_string(i) + "] is not a string");
    out.push_back((*it)[i].get<std::string>());
  }
  return Status::ok();
}

}  // namespace

Status read_script_json(std::string_view text, Script& out, std::vector<std::string>& hashtags) {
  json script = json::parse(strip_code_fence(text), nullptr, /*allow_exceptions=*/false);
  if (script.is_discarded() || !script.is_object())
    return Status::error("the content is not a JSON object: " +
                         (text.empty() ? std::string("(empty)") : one_line_snippet(text, kSnippetChars)));
  Script read;
  std::vector<std::string> tags;
  if (Status s = read_text(script, "title", "'title'", kMaxTitleChars, read.title); !s) return s;
  if (read.title.empty()) return Status::error("'title' is empty");
  if (Status s = read_text(script, "hook", "'hook'", kMaxHookChars, read.hook); !s) return s;
  if (Status s = read_hashtags(script, tags); !s) return s;
  if (Status s = read_scenes(script, read); !s) return s;
  out = std::move(read);
  hashtags = std::move(tags);
  return Status::ok();
}

}  // namespace reelflow::llm_script
