#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace reelflow::image_source {

// The bytes of standard base64 text (padding optional, no line breaks); nullopt
// when it is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace reelflow::image_source
