#include "rendition.hpp"

#include <charconv>
#include <set>

namespace reelflow::av_io {
namespace {

std::optional<std::int64_t> whole_number(std::string_view digits) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Rendition> parse_rendition(const std::string& text, std::string& error) {
  const auto p = text.find("p@");
  const auto height = p == std::string::npos ? std::nullopt : whole_number(std::string_view(text).substr(0, p));
  const auto kbps = p == std::string::npos ? std::nullopt : whole_number(std::string_view(text).substr(p + 2));
  if (!height || !kbps) {
    error = "rendition '" + text + "' is not <height>p@<kbit/s>, e.g. 720p@2500";
    return std::nullopt;
  }
  if (*height < min_rendition_height || *height > max_rendition_height || *height % 2 != 0) {
    error = "rendition '" + text + "': the height must be even, " + std::to_string(min_rendition_height) + " to " +
            std::to_string(max_rendition_height);
    return std::nullopt;
  }
  if (*kbps < min_rendition_kbps || *kbps > max_rendition_kbps) {
    error = "rendition '" + text + "': the bitrate must be " + std::to_string(min_rendition_kbps) + " to " +
            std::to_string(max_rendition_kbps) + " kbit/s";
    return std::nullopt;
  }
  return Rendition{*height, *kbps, std::to_string(*height) + "p"};
}

std::vector<Rendition> parse_renditions(const std::vector<std::string>& texts, std::string& error) {
  std::vector<Rendition> renditions;
  std::set<std::int64_t> heights;
  for (const auto& text : texts) {
    auto rendition = parse_rendition(text, error);
    if (!rendition) return {};
    if (!heights.insert(rendition->height).second) {
      error = "two renditions have the height " + std::to_string(rendition->height) + " (each needs its own folder)";
      return {};
    }
    renditions.push_back(*rendition);
  }
  if (renditions.empty()) error = "no renditions: list at least one, e.g. [720p@2500, 360p@800]";
  return renditions;
}

}  // namespace reelflow::av_io
