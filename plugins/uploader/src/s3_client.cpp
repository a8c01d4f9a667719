#include "s3_client.hpp"

#include "failure_message.hpp"
#include "s3_xml.hpp"
#include "sha256.hpp"

namespace reelflow::uploader {

S3Client::S3Client(HttpClient& http, S3ObjectAddress address, SigV4Signer signer, TransferSettings settings)
    : http_(http), address_(std::move(address)), signer_(std::move(signer)), settings_(settings) {
  const auto& credentials = signer_.credentials();
  for (const auto* secret : {&credentials.access_key_id, &credentials.secret_access_key, &credentials.session_token})
    if (!secret->empty()) secrets_.push_back(*secret);
}

HttpResponse S3Client::send(S3Call call) const {
  std::string date = amz_date(std::chrono::system_clock::now());
  SigV4Request signable;
  signable.method = call.method;
  signable.path = address_.path;
  signable.query = call.query;
  signable.payload_sha256 = call.payload_sha256.empty() && call.body_file.empty() ? sha256_hex(call.body)
                                                                                  : call.payload_sha256;
  signable.headers = {{"Host", address_.host},
                      {"x-amz-content-sha256", signable.payload_sha256},
                      {"x-amz-date", date}};
  if (!signer_.credentials().session_token.empty())
    signable.headers.emplace_back("x-amz-security-token", signer_.credentials().session_token);
  signable.headers.insert(signable.headers.end(), call.headers.begin(), call.headers.end());

  HttpRequest request = settings_.request(call.method, address_.url(call.query), secrets_);
  request.headers = signable.headers;
  request.headers.emplace_back("Authorization", signer_.authorization(signable, date));
  request.body = std::move(call.body);
  request.body_file = std::move(call.body_file);
  return http_.send(request);
}

std::string S3Client::failure(const HttpResponse& response, std::string_view operation) const {
  std::string what = std::string(operation) + " " + address_.url();
  return describe_failure(response, what, secrets_, s3_error_summary(response.body));
}

}  // namespace reelflow::uploader
