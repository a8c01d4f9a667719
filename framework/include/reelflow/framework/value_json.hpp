#pragma once
// Values as JSON, for `reelflow run --events json`, result files and tools.
#include <reelflow/value.hpp>

#include <nlohmann/json.hpp>

namespace reelflow::framework {

nlohmann::json value_to_json(const Value& value);

}  // namespace reelflow::framework
