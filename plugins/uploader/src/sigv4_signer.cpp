#include "sigv4_signer.hpp"

#include "sha256.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

namespace reelflow::uploader {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Trims the ends and turns every run of whitespace inside into one space.
std::string canonical_header_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Lowercase name → values joined with ',' in the order given (repeated headers).
std::map<std::string, std::string> canonical_headers_map(const HttpHeaders& headers) {
  std::map<std::string, std::string> map;
  for (const auto& [name, value] : headers) {
    auto [it, inserted] = map.try_emplace(lowercase(name), canonical_header_value(value));
    if (!inserted) it->second += "," + canonical_header_value(value);
  }
  return map;
}

}  // namespace

SigV4Signer::SigV4Signer(SigV4Credentials credentials, std::string region, std::string service)
    : credentials_(std::move(credentials)), region_(std::move(region)), service_(std::move(service)) {}

std::string SigV4Signer::signed_headers(const SigV4Request& request) {
  std::string out;
  for (const auto& [name, value] : canonical_headers_map(request.headers)) {
    if (!out.empty()) out.push_back(';');
    out += name;
  }
  return out;
}

std::string SigV4Signer::canonical_request(const SigV4Request& request) const {
  std::string out = request.method + "\n";
  out += uri_encode(request.path.empty() ? "/" : request.path, /*keep_slash=*/true) + "\n";
  out += canonical_query(request.query) + "\n";
  for (const auto& [name, value] : canonical_headers_map(request.headers)) out += name + ":" + value + "\n";
  out += "\n" + signed_headers(request) + "\n";
  out += request.payload_sha256;
  return out;
}

std::string SigV4Signer::credential_scope(std::string_view amz_date) const {
  return std::string(amz_date.substr(0, 8)) + "/" + region_ + "/" + service_ + "/aws4_request";
}

std::string SigV4Signer::string_to_sign(const SigV4Request& request, std::string_view amz_date) const {
  return "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + credential_scope(amz_date) + "\n" +
         sha256_hex(canonical_request(request));
}

std::string SigV4Signer::signing_key(std::string_view yyyymmdd) const {
  std::string k_date = hmac_sha256("AWS4" + credentials_.secret_access_key, yyyymmdd);
  std::string k_region = hmac_sha256(k_date, region_);
  std::string k_service = hmac_sha256(k_region, service_);
  return hmac_sha256(k_service, "aws4_request");
}

std::string SigV4Signer::signature(const SigV4Request& request, std::string_view amz_date) const {
  return to_hex(hmac_sha256(signing_key(amz_date.substr(0, 8)), string_to_sign(request, amz_date)));
}

std::string SigV4Signer::authorization(const SigV4Request& request, std::string_view amz_date) const {
  return "AWS4-HMAC-SHA256 Credential=" + credentials_.access_key_id + "/" + credential_scope(amz_date) +
         ", SignedHeaders=" + signed_headers(request) + ", Signature=" + signature(request, amz_date);
}

std::string amz_date(std::chrono::system_clock::time_point when) {
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

}  // namespace reelflow::uploader
