#include <source_kit/scene_text.hpp>

namespace reelflow::source_kit {

std::string picture_text(const Scene& scene) {
  for (const std::string* text : {&scene.visual, &scene.caption, &scene.narration})
    if (text->find_first_not_of(" \t\r\n") != std::string::npos) return *text;
  return {};
}

std::string shortened(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

std::string scene_label(std::size_t index) { return "scene " + std::to_string(index + 1); }

}  // namespace reelflow::source_kit
