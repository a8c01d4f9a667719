#include "graph/port_fit.hpp"

#include <reelflow/value.hpp>

namespace reelflow::framework {

bool value_fits(const std::string& from, const PortSpec& input) {
  if (from == input.type || (input.type == types::file && from == types::video)) return true;
  for (const auto& other : input.also_accepts)
    if (from == other) return true;
  return probed_as_video(from, input);
}

bool probed_as_video(const std::string& from, const PortSpec& input) {
  if (from != types::file || input.type != types::video) return false;
  for (const auto& other : input.also_accepts)
    if (other == types::file) return false;  // takes any file as it is
  return true;
}

std::string accepted(const PortSpec& input) {
  if (input.is_stream()) return "a stream of " + input.type;
  std::string out = input.type;
  for (const auto& other : input.also_accepts) out += " or " + other;
  return out;
}

}  // namespace reelflow::framework
