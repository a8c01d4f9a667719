#pragma once
// Signed requests about one S3 object: adds host, x-amz-date, x-amz-content-sha256
// (the real payload hash, never UNSIGNED-PAYLOAD) and the session token, signs
// with SigV4 and sends through the runtime's HTTP client.
#include "s3_object_address.hpp"
#include "sigv4_signer.hpp"
#include "transfer_settings.hpp"

#include <reelflow/http.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::uploader {

struct S3Call {
  std::string method;
  QueryParams query;               // sub-resources: uploads, partNumber, uploadId
  HttpHeaders headers;             // extra headers, signed too (Content-Type)
  std::string body;                // sent when body_file is empty
  std::filesystem::path body_file; // streamed from disk
  std::string payload_sha256;      // hex; required with body_file, computed from body otherwise
};

class S3Client {
 public:
  S3Client(HttpClient& http, S3ObjectAddress address, SigV4Signer signer, TransferSettings settings);

  // Takes the call by value so a part's body moves into the request instead of being copied.
  HttpResponse send(S3Call call) const;

  // One line naming the operation, the S3 error code and message (or HTTP
  // status) and the attempts; never a key.
  std::string failure(const HttpResponse& response, std::string_view operation) const;

  const S3ObjectAddress& address() const { return address_; }
  const std::vector<std::string>& secrets() const { return secrets_; }

 private:
  HttpClient& http_;
  S3ObjectAddress address_;
  SigV4Signer signer_;
  TransferSettings settings_;
  std::vector<std::string> secrets_;
};

}  // namespace reelflow::uploader
