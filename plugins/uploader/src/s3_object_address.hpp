#pragma once
// Where an S3 object lives on the wire: the origin to connect to, the Host header
// and the path, in path style (endpoint/bucket/key) or virtual-hosted style
// (bucket.endpoint/key).
#include "uri_encode.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace reelflow::uploader {

struct S3ObjectAddress {
  std::string origin;  // "https://s3.amazonaws.com", "http://127.0.0.1:9000"
  std::string host;    // the Host header (port only when it isn't the scheme's default)
  std::string path;    // decoded: "/bucket/key" or "/key" (plus any base path of the endpoint)

  // origin + encoded path + "?" + canonical query, so the URL matches what is signed.
  std::string url(const QueryParams& query = {}) const;
};

// nullopt and a message in `error` when the endpoint or bucket can't form an address.
std::optional<S3ObjectAddress> make_s3_address(std::string_view endpoint, std::string_view bucket,
                                               std::string_view key, bool path_style, std::string& error);

}  // namespace reelflow::uploader
