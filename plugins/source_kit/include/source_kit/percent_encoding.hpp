#pragma once
#include <string>
#include <string_view>

namespace reelflow::source_kit {

// `text` for a URL query: every byte but A-Z a-z 0-9 - _ . ~ as %XX.
std::string percent_encode(std::string_view text);

// The orientation a stock search asks for to fit a width x height frame:
// portrait, landscape or square.
std::string search_orientation(int width, int height);

}  // namespace reelflow::source_kit
