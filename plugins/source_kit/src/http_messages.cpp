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

void remove_quietly(const std::filesystem::path& file) {
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
}

Status download_to_file(HttpClient& http, HttpRequest request, const std::filesystem::path& file,
                        std::size_t max_bytes, const std::string& what, std::string_view url) {
  request.response_file = file;
  request.max_response_bytes = max_bytes;
  const HttpResponse response = http.send(request);
  if (response.ok()) return Status::ok();
  remove_quietly(file);
  return Status::error(describe_failure(response, what, url));
}

}  // namespace reelflow::source_kit
