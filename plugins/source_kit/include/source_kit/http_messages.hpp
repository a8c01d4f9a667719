#pragma once
// How the stage's HTTP failures read: one line, the URL without its query string,
// and never a key.
#include <reelflow/http.hpp>

#include <string>
#include <string_view>

namespace reelflow::source_kit {

// The URL as messages show it: no query string (signed URLs carry tokens there).
std::string url_for_messages(std::string_view url);

// "<what>: HTTP 404 from <url>: <start of the body>" or "<what> failed: <transport
// error>" (the client's errors already name the method and URL), on one line. A
// refused key adds "(check <key_param>)".
std::string describe_failure(const HttpResponse& response, const std::string& what, std::string_view url,
                             std::string_view key_param = "api_key");

// A server may echo the key back (in an error body, say); it never leaves this stage.
std::string without_secret(std::string text, const std::string& secret);

}  // namespace reelflow::source_kit
