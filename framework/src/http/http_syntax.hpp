#pragma once
// The bits of HTTP/1.1 syntax the client checks or parses: tokens (methods and
// header names), header values without line breaks, trimming, and
// case-insensitive comparison of names.
#include <string>
#include <string_view>

namespace reelflow::framework {

// RFC 9110 token: a method or a header field name.
bool is_http_token(std::string_view text);

bool has_line_break(std::string_view text);

// Leading and trailing whitespace removed.
std::string_view trim_http_whitespace(std::string_view text);

bool iequals_ascii(std::string_view a, std::string_view b);

std::string lowercase_ascii(std::string_view text);

}  // namespace reelflow::framework
