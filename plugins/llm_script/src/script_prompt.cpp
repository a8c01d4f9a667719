#include "script_prompt.hpp"

#include <cmath>
#include <string>

namespace reelflow::llm_script {
namespace {

nlohmann::json string_property(const char* description) {
  return {{"type", "string"}, {"description", description}};
}

std::string system_prompt(const ScriptBrief& brief) {
  int per_scene = std::max(1, static_cast<int>(std::lround(brief.target_words() / static_cast<double>(brief.scenes))));
  std::string n = std::to_string(brief.scenes);
  return "You write narration scripts for short narrated videos. Reply only with JSON that follows the " +
         std::string(kScriptSchemaName) + " schema.\n" +
         "Rules:\n"
         "- Write in the language '" + brief.language + "' with a " + brief.style + " tone.\n" +
         "- title: a short, catchy title of at most 8 words.\n"
         "- hook: one opening sentence, a question or a bold statement, that makes viewers stay; it is also the "
         "video's one-line description where it is published.\n"
         "- hashtags: 3 to 5 hashtags for the topic, each '#' and one word without spaces (#honeybees).\n"
         "- scenes: exactly " + n + " scenes, in speaking order.\n" +
         "- narration: 1 to 3 full sentences that a voice reads aloud; no stage directions, emojis or markup.\n"
         "- Length: the video lasts about " + std::to_string(std::lround(brief.target_duration_s)) +
         " seconds at 2.5 spoken words per second, so all narrations together have about " +
         std::to_string(brief.target_words()) + " words (about " + std::to_string(per_scene) +
         " per scene); the hook is not counted.\n" +
         "- caption: on-screen text of at most 6 words that sums up the scene.\n"
         "- visual: one concrete description of the picture to show (subject, setting, style), usable as an image "
         "search query or image generation prompt; no text in the picture.\n"
         "- The last scene ends with a short call to action.\n"
         "- If notes are given, follow them: cover their points in order, one scene per point where possible, and "
         "do not contradict them.";
}

}  // namespace

nlohmann::json video_script_schema() {
  nlohmann::json scene = {
      {"type", "object"},
      {"properties",
       {{"narration", string_property("1 to 3 full sentences read aloud")},
        {"caption", string_property("on-screen text, at most 6 words")},
        {"visual", string_property("description of the picture to show")}}},
      {"required", {"narration", "caption", "visual"}},
      {"additionalProperties", false},
  };
  return {
      {"type", "object"},
      {"properties",
       {{"title", string_property("short title of the video")},
        {"hook", string_property("opening sentence that makes viewers stay")},
        {"hashtags", {{"type", "array"}, {"items", string_property("one hashtag, e.g. #honeybees")}}},
        {"scenes", {{"type", "array"}, {"items", scene}}}}},
      {"required", {"title", "hook", "hashtags", "scenes"}},
      {"additionalProperties", false},
  };
}

ChatConversation script_conversation(const ScriptBrief& brief, bool schema_in_prompt) {
  std::string user = "Topic: " + brief.topic;
  if (!brief.notes.empty()) user += "\n\nNotes:\n" + brief.notes;
  std::string system = system_prompt(brief);
  if (schema_in_prompt)
    system += "\nThe " + std::string(kScriptSchemaName) + " JSON schema:\n" + video_script_schema().dump() +
              "\nReply with the JSON object alone: no code fence, no text before or after it.";
  return {std::move(system), {{"user", std::move(user)}}};
}

std::string repair_request(const std::string& problem) {
  return "Your reply cannot be used: " + problem + ". Reply again with the complete, corrected JSON object only, "
         "following the " + std::string(kScriptSchemaName) + " schema, with no other text.";
}

}  // namespace reelflow::llm_script
