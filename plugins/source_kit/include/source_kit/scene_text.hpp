#pragma once
// What a scene's picture should show, and how scenes and texts appear in messages.
#include <reelflow/value.hpp>

#include <cstddef>
#include <string>

namespace reelflow::source_kit {

// The text a scene's picture should show: its visual description, else its caption
// or narration; empty when it has none.
std::string picture_text(const Scene& scene);

// At most about `limit` bytes of `text`, cut between UTF-8 characters, "..." when cut.
std::string shortened(const std::string& text, std::size_t limit);

// "scene 3" for scene number 2 (messages count from 1).
std::string scene_label(std::size_t index);

}  // namespace reelflow::source_kit
