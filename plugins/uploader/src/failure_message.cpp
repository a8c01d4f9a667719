#include "failure_message.hpp"

#include <cctype>

namespace reelflow::uploader {
namespace {

// The <title> of an HTML error page, else the start of a plain-text body.
std::string body_summary(std::string_view body) {
  auto open = body.find("<title>");
  if (open != std::string_view::npos) {
    auto close = body.find("</title>", open);
    if (close != std::string_view::npos) return one_line(body.substr(open + 7, close - open - 7));
  }
  if (body.find('<') != std::string_view::npos) return {};  // markup without a title says little
  return one_line(body);
}

}  // namespace

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3))
      text.replace(pos, secret.size(), "***");
  }
  return text;
}

std::string one_line(std::string_view text, std::size_t max_chars) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= max_chars) {
      out += "...";
      break;
    }
  }
  return out;
}

std::string describe_failure(const HttpResponse& response, std::string_view what,
                             const std::vector<std::string>& secrets, std::string_view detail) {
  std::string message(what);
  if (!response.error.empty()) {
    // The runtime's client names the request itself ("PUT <url>: ..."); don't say it twice.
    std::string_view error = response.error;
    if (error.starts_with(message + ": ")) error.remove_prefix(message.size() + 2);
    message += ": " + one_line(error);
  } else {
    std::string code = "HTTP " + std::to_string(response.status);
    std::string summary = detail.empty() ? body_summary(response.body) : one_line(detail);
    // nginx titles read "405 Not Allowed"; don't repeat the status.
    std::string status_text = std::to_string(response.status) + " ";
    if (summary.rfind(status_text, 0) == 0) summary.erase(0, status_text.size());
    if (!summary.empty()) code += " " + summary;
    // Said plainly: sending the same key again cannot help.
    message += response.refused_credentials() ? ": the server refused the credentials (" + code + ")" : ": " + code;
  }
  // The runtime's client already says "(gave up after N attempts)" on transport errors.
  bool attempts_told = response.error.find("attempts)") != std::string::npos;
  if (response.attempts > 0 && !attempts_told)
    message += " (" + std::to_string(response.attempts) + (response.attempts == 1 ? " attempt)" : " attempts)");
  return redact(std::move(message), secrets);
}

}  // namespace reelflow::uploader
