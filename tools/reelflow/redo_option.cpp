#include "redo_option.hpp"

#include <charconv>
#include <iostream>
#include <string_view>

namespace reelflow::cli {
namespace {

std::optional<int> scene_number(std::string_view text) {
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > kMaxRedoScene) return std::nullopt;
  return n;
}

}  // namespace

std::optional<SceneRedo> parse_redo(const std::vector<std::string>& items, int take) {
  SceneRedo redo;
  redo.take = take;
  constexpr std::string_view prefix = "scene=";
  for (const auto& item : items) {
    std::string_view rest(item);
    bool ok = rest.starts_with(prefix);
    for (rest.remove_prefix(ok ? prefix.size() : 0); ok;) {
      const auto comma = rest.find(',');
      const auto n = scene_number(rest.substr(0, comma));
      if (!n) ok = false;
      else redo.scenes.insert(*n);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (!ok) {
      std::cerr << "reelflow: error: --redo " << item << ": expected scene=N or scene=N,M,... (scene numbers 1-"
                << kMaxRedoScene << ")\n";
      return std::nullopt;
    }
  }
  return redo;
}

}  // namespace reelflow::cli
