#include "access_policy.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>

namespace reelflow::service {
namespace {

bool equal_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The cookie's value is an HMAC of a fixed label under the token: it proves the
// sign-in, survives restarts and other API servers, and does not reveal the token.
std::string session_value(const std::string& token) {
  static constexpr char kLabel[] = "reelflow session v1";
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), token.data(), static_cast<int>(token.size()), reinterpret_cast<const unsigned char*>(kLabel),
       sizeof kLabel - 1, mac, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

std::string cookie_value(const std::string& header, std::string_view name) {
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto end = std::min(rest.find(';'), rest.size());
    const std::string_view item = trim(rest.substr(0, end));
    if (item.size() > name.size() && item.substr(0, name.size()) == name && item[name.size()] == '=')
      return std::string(item.substr(name.size() + 1));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  return {};
}

bool same_origin(const httplib::Request& req) {
  const std::string origin = lower(req.get_header_value("Origin"));
  const std::string host = lower(req.get_header_value("Host"));
  // Behind a TLS proxy that keeps Host, the page's origin is https://<Host>.
  return !host.empty() && (origin == "http://" + host || origin == "https://" + host);
}

bool is_json(const std::string& content_type) {
  const std::string_view type = trim(std::string_view(content_type).substr(0, content_type.find(';')));
  return lower(type) == "application/json";
}

}  // namespace

AccessPolicy::AccessPolicy(std::string token) : token_(std::move(token)), session_(session_value(token_)) {}

bool AccessPolicy::token_matches(std::string_view presented) const { return equal_secret(presented, token_); }

Credential AccessPolicy::credential(const httplib::Request& req) const {
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) return token_matches(std::string_view(auth).substr(7)) ? Credential::Bearer : Credential::None;
  return equal_secret(cookie_value(req.get_header_value("Cookie"), kCookie), session_) ? Credential::Cookie
                                                                                          : Credential::None;
}

std::string AccessPolicy::sign_in_cookie() const {
  return std::string(kCookie) + "=" + session_ + "; HttpOnly; SameSite=Strict; Path=/";
}

std::string AccessPolicy::sign_out_cookie() {
  return std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
}

std::optional<Refusal> AccessPolicy::check_mutation(const httplib::Request& req, Credential credential) const {
  if (!is_mutating(req)) return std::nullopt;
  if (req.has_header("Origin") && !same_origin(req))
    return Refusal{403, "refused: the request's Origin is not this server"};
  if (!req.has_header("Origin") && credential == Credential::Cookie)
    return Refusal{403, "refused: a change signed in by cookie must carry this server's Origin"};
  if (carries_body(req) && !is_json(req.get_header_value("Content-Type")))
    return Refusal{415, "the body must be JSON (Content-Type: application/json)"};
  return std::nullopt;
}

bool is_mutating(const httplib::Request& req) {
  return req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
}

bool carries_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  const std::string length = req.get_header_value("Content-Length");
  return !length.empty() && length.find_first_not_of('0') != std::string::npos;
}

}  // namespace reelflow::service
