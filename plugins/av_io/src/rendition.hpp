#pragma once
// One rung of an HLS ladder, written in the graph as "<height>p@<kbit/s>"
// (e.g. "720p@2500"): the height it is scaled to (width follows the source's
// aspect) and its video bitrate.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::av_io {

struct Rendition {
  std::int64_t height = 0;
  std::int64_t bitrate_kbps = 0;
  std::string name;  // "720p": its folder and its sub-bin
};

inline constexpr std::int64_t min_rendition_height = 72;
inline constexpr std::int64_t max_rendition_height = 4320;
inline constexpr std::int64_t min_rendition_kbps = 50;
inline constexpr std::int64_t max_rendition_kbps = 200000;

// The rendition, or nullopt with `error` saying what is wrong with `text`.
std::optional<Rendition> parse_rendition(const std::string& text, std::string& error);

// All of them, or the first problem (a bad entry, a repeated height, none at all) in `error`.
std::vector<Rendition> parse_renditions(const std::vector<std::string>& texts, std::string& error);

}  // namespace reelflow::av_io
