#pragma once
// AWS Signature Version 4 (header-based): canonical request, string to sign, the
// HMAC chain that derives the signing key, and the Authorization header. Pure
// functions of their inputs, so the published test vectors pin them down.
#include "uri_encode.hpp"

#include <reelflow/http.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace reelflow::uploader {

struct SigV4Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // temporary credentials only; sent as x-amz-security-token
};

// What gets signed. The caller puts every header it wants signed in `headers`
// (host and x-amz-date at least) and sends exactly these on the wire.
struct SigV4Request {
  std::string method;
  std::string path = "/";        // decoded; each byte but '/' is encoded once (S3 style, no normalising)
  QueryParams query;             // decoded names and values
  HttpHeaders headers;           // names in any case; values are trimmed when canonicalised
  std::string payload_sha256;    // lowercase hex SHA-256 of the body
};

class SigV4Signer {
 public:
  SigV4Signer(SigV4Credentials credentials, std::string region, std::string service);

  // amz_date is the request's x-amz-date, "YYYYMMDDTHHMMSSZ".
  std::string canonical_request(const SigV4Request& request) const;
  std::string string_to_sign(const SigV4Request& request, std::string_view amz_date) const;
  std::string signature(const SigV4Request& request, std::string_view amz_date) const;
  std::string authorization(const SigV4Request& request, std::string_view amz_date) const;

  // "20150830/us-east-1/service/aws4_request"
  std::string credential_scope(std::string_view amz_date) const;
  // The raw key of kSecret → kDate → kRegion → kService → kSigning.
  std::string signing_key(std::string_view yyyymmdd) const;

  // "host;x-amz-date": lowercase, sorted, unique.
  static std::string signed_headers(const SigV4Request& request);

  const SigV4Credentials& credentials() const { return credentials_; }

 private:
  SigV4Credentials credentials_;
  std::string region_;
  std::string service_;
};

// The x-amz-date for a moment: "YYYYMMDDTHHMMSSZ" in UTC.
std::string amz_date(std::chrono::system_clock::time_point when);

}  // namespace reelflow::uploader
