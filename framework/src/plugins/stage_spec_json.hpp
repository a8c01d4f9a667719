#pragma once
// A StageSpec as JSON, for the plugin index: everything setup() declared (ports,
// params with defaults, choices, ranges and secrecy, cacheability), so the
// registry and the validator can use a stage type without opening its plugin.
#include <reelflow/stage_spec.hpp>

#include <nlohmann/json.hpp>

namespace reelflow::framework {

nlohmann::json stage_spec_to_json(const StageSpec& spec);
// Throws nlohmann::json::exception or std::invalid_argument on a malformed spec.
StageSpec stage_spec_from_json(const nlohmann::json& json);

// Every declared field equal, including each default value's exact alternative.
bool stage_specs_equal(const StageSpec& a, const StageSpec& b);

}  // namespace reelflow::framework
