#pragma once
// The script a model wrote, as JSON text, checked against the script schema
// (required fields, types, scene count and string length bounds) and read into a
// Script. What is wrong is named by its field path, so the model can be asked to
// fix exactly that (one repair request) and the final error says where it was.
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script {

// Bounds a usable script stays within (loose: the prompt asks for far less).
inline constexpr std::size_t kMaxScriptScenes = 30;  // the stage's own maximum
inline constexpr std::size_t kMaxTitleChars = 150;
inline constexpr std::size_t kMaxHookChars = 400;
inline constexpr std::size_t kMaxNarrationChars = 1200;
inline constexpr std::size_t kMaxCaptionChars = 120;
inline constexpr std::size_t kMaxVisualChars = 600;
inline constexpr std::size_t kMaxRawHashtags = 20;

// Fills title, hook and scenes (topic is the caller's) and the hashtags as the model
// wrote them (none when it left them out). The text may be fenced (```json ... ```).
// Empty captions and visuals are derived from the narration. On error the message is
// the problem alone, e.g. "scenes[1].narration is missing or not a string".
Status read_script_json(std::string_view text, Script& out, std::vector<std::string>& hashtags);

}  // namespace reelflow::llm_script
