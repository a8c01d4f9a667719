#pragma once
// Values as JSON, for `reelflow run --events json`, result files, the stage
// cache and tools.
#include <reelflow/value.hpp>

#include <nlohmann/json.hpp>

namespace reelflow::framework {

nlohmann::json value_to_json(const Value& value);

// The inverse of value_to_json: value_from_json(value_to_json(v)) equals v.
// Throws std::invalid_argument naming what is wrong when `json` is not a value.
Value value_from_json(const nlohmann::json& json);

}  // namespace reelflow::framework
