#include "reply_text.hpp"

#include <cstddef>

namespace reelflow::tts {
namespace {

constexpr std::size_t kSnippetChars = 200;

}  // namespace

std::string one_line(std::string text, const std::string& secret) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  for (std::size_t at; !secret.empty() && (at = text.find(secret)) != std::string::npos;)
    text.replace(at, secret.size(), "***");
  return text;
}

std::string snippet(std::string text, const std::string& secret) {
  if (text.size() > kSnippetChars) text = text.substr(0, kSnippetChars) + "...";
  return one_line(std::move(text), secret);
}

}  // namespace reelflow::tts
