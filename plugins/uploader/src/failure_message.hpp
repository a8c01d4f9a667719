#pragma once
// One-line error messages about HTTP exchanges, with every secret removed, so a
// failed upload never puts a key or password into a log or a Status.
#include <reelflow/http.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reelflow::uploader {

// Replaces every occurrence of each non-empty secret with "***".
std::string redact(std::string text, const std::vector<std::string>& secrets);

// Collapses whitespace (newlines included) to single spaces and cuts to max_chars.
std::string one_line(std::string_view text, std::size_t max_chars = 160);

// "<what>: HTTP 405 Not Allowed (1 attempt)", "<what>: the server refused the credentials
// (HTTP 401 Unauthorized) (1 attempt)" or "<what>: <transport error> (3 attempts)".
// `detail` replaces the summary drawn from the body (an HTML <title>, or its start).
std::string describe_failure(const HttpResponse& response, std::string_view what,
                             const std::vector<std::string>& secrets, std::string_view detail = {});

}  // namespace reelflow::uploader
