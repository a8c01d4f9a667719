#include <source_kit/http_messages.hpp>

namespace reelflow::source_kit {

std::string url_for_messages(std::string_view url) { return std::string(url.substr(0, url.find_first_of("?#"))); }

std::string describe_failure(const HttpResponse& response, const std::string& what, std::string_view url,
                             std::string_view key_param) {
  if (!response.error.empty()) return what + " failed: " + response.error;
  std::string message = what + ": " + response.status_text() + " from " + url_for_messages(url);
  if (response.refused_credentials()) message += " (check " + std::string(key_param) + ")";
  std::string snippet = response.body.substr(0, 160);
  for (char& c : snippet)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  if (snippet.find_first_not_of(' ') != std::string::npos) message += ": " + snippet;
  return message;
}

std::string without_secret(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
    text.replace(at, secret.size(), "***");
  return text;
}

}  // namespace reelflow::source_kit
