#include <reelflow/diagnostics.hpp>

namespace reelflow {

std::string Diagnostic::to_string() const {
  std::string out = location.file.empty() ? std::string("<graph>") : location.file;
  if (location.line > 0) {
    out += ":" + std::to_string(location.line);
    if (location.column > 0) out += ":" + std::to_string(location.column);
  }
  out += (note ? ": note: " : ": error: ") + message;
  if (!expected.empty()) out += " (" + expected + ")";
  return out;
}

std::string format_diagnostics(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.to_string() + "\n";
  return out;
}

}  // namespace reelflow
