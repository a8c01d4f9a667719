#pragma once
// SigV4 as a server checks it, written for the tests from the AWS specification
// ("Create a signed AWS API request") with OpenSSL, sharing no code with the
// uploader: the fake S3 server must not accept a signature merely because the
// uploader's own signer agrees with itself. The canonical request is rebuilt from
// the request as received: the raw target is decoded and encoded again the AWS way.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reelflow::uploader::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;  // as on the request line: /path?query, percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;  // every header as received (any case)
};

struct AwsKey {
  std::string secret_access_key;
  std::string region;
  std::string service = "s3";
};

// The request's signature for the headers named in `signed_headers` (lowercase), at
// `amz_date` ("YYYYMMDDTHHMMSSZ"), with `payload_sha256` as the payload's hash.
std::string expected_sigv4_signature(const ReceivedRequest& request, const std::vector<std::string>& signed_headers,
                                     std::string_view payload_sha256, std::string_view amz_date, const AwsKey& key);

// Lowercase hex SHA-256.
std::string sha256_hex_of(std::string_view data);

}  // namespace reelflow::uploader::testing
