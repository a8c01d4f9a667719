#include "job_listing.hpp"

namespace reelflow::service {
namespace {

// `text` cut to at most `bytes` on a UTF-8 character boundary, with the marker; sets `cut`.
std::string shortened(const std::string& text, std::size_t bytes, bool& cut) {
  if (text.size() <= bytes) return text;
  cut = true;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes) + kCutMarker;
}

}  // namespace

nlohmann::json listing_json(const Job& job) {
  nlohmann::json j = job.to_json();
  bool cut = job.variables.size() > kListedVariables;
  nlohmann::json variables = nlohmann::json::object();
  for (const auto& [name, value] : job.variables) {
    if (variables.size() == kListedVariables) break;
    variables[name] = shortened(value, kListedValueBytes, cut);
  }
  j["variables"] = std::move(variables);
  j["error"] = shortened(job.error, kListedErrorBytes, cut);
  if (cut) j["truncated"] = true;
  return j;
}

}  // namespace reelflow::service
