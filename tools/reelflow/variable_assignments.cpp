#include "variable_assignments.hpp"

#include <iostream>

namespace reelflow::cli {

std::optional<std::map<std::string, std::string>> parse_assignments(const std::vector<std::string>& items) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "reelflow: error: --set " << item << ": expected name=value\n";
      return std::nullopt;
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

}  // namespace reelflow::cli
