#pragma once
// Percent-encoding as AWS SigV4 (and any strict server) expects it: every byte
// except the RFC 3986 unreserved characters becomes %XX with uppercase hex.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reelflow::uploader {

using QueryParams = std::vector<std::pair<std::string, std::string>>;  // decoded name, value

// Encodes every reserved byte; with keep_slash, '/' stays (object keys, URL paths).
std::string uri_encode(std::string_view text, bool keep_slash = false);

// "a=1&b=2": names and values encoded, sorted by name then value. The same string
// serves as the canonical query of a signature and as the URL's query.
std::string canonical_query(const QueryParams& query);

}  // namespace reelflow::uploader
