#pragma once
// A job as GET /api/v1/jobs lists it. A listing shows up to a thousand jobs at once,
// so it shows at most kListedVariables of a job's variables, each cut to
// kListedValueBytes, and its error cut to kListedErrorBytes; what was cut ends in
// kCutMarker and the job gets "truncated": true. GET /api/v1/jobs/{id} shows it whole.
#include "job.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::service {

inline constexpr std::size_t kListedVariables = 16;
inline constexpr std::size_t kListedValueBytes = 256;
inline constexpr std::size_t kListedErrorBytes = 1024;
inline constexpr const char* kCutMarker = "…[truncated]";

nlohmann::json listing_json(const Job& job);

}  // namespace reelflow::service
