#include "http/http_redactor.hpp"

#include "http/http_syntax.hpp"

#include <algorithm>
#include <cctype>

namespace reelflow::framework {
namespace {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

bool is_credential_header(std::string_view name) {
  const std::string lower = lowercase_ascii(name);
  for (std::string_view marker : {"auth", "key", "token", "secret", "cookie", "password"})
    if (lower.find(marker) != std::string::npos) return true;
  return false;
}

}  // namespace

std::string display_url(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  std::string out(url);
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority = scheme_end + 3;
    const auto authority_end = std::min(out.find('/', authority), out.size());
    const auto at = out.rfind('@', authority_end);
    if (at != std::string::npos && at >= authority) out.erase(authority, at + 1 - authority);
  }
  return out;
}

HttpRedactor::HttpRedactor(const HttpRequest& request) {
  for (const auto& secret : request.secrets) add(secret);
  for (const auto& [name, value] : request.headers) {
    if (!is_credential_header(name)) continue;
    add(value);
    const auto space = value.find(' ');  // "Bearer <token>": the token alone too
    if (space != std::string::npos)
      add(std::string(trim_http_whitespace(std::string_view(value).substr(space + 1))));
  }
  const auto scheme_end = request.url.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority = scheme_end + 3;
    const auto at = request.url.find('@', authority);
    const auto colon = request.url.find(':', authority);
    if (at != std::string::npos && colon < at && at < request.url.find('/', authority))
      add(request.url.substr(colon + 1, at - colon - 1));
  }
  // Longest first, so a secret containing another is replaced whole.
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string HttpRedactor::operator()(std::string text) const {
  for (const auto& secret : secrets_) {
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3))
      text.replace(pos, secret.size(), "***");
  }
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return text;
}

void HttpRedactor::add(const std::string& secret) {
  if (secret.empty()) return;
  for (std::string form : {secret, percent_encode(secret)})
    if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end()) secrets_.push_back(std::move(form));
}

}  // namespace reelflow::framework
