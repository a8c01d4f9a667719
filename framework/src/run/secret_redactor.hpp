#pragma once
// Replaces every known secret in a text with "***" before it is logged or shown.
#include <string>
#include <vector>

namespace reelflow::framework {

inline std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.size() < 4) continue;  // too short to be a key; replacing would garble text
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3))
      text.replace(pos, secret.size(), "***");
  }
  return text;
}

}  // namespace reelflow::framework
