#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace reelflow::source_kit {

// The bytes of standard base64 text (padding optional, no line breaks); nullopt
// when it is not base64.
std::optional<std::string> base64_decode(std::string_view text);

// Standard base64 with padding, no line breaks.
std::string base64_encode(std::string_view bytes);

}  // namespace reelflow::source_kit
