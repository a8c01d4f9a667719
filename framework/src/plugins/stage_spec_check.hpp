#pragma once
// What is wrong with a stage type's contract as its plugin declared it, found
// when the plugin registers (not when a graph first uses it): bad names,
// duplicate ports or params, defaults outside their own limits, declarations
// about params that do not exist. The plugin loader reports each with the file.
#include <reelflow/stage_spec.hpp>

#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework {

// Stage and value type names: lower-case words of letters, digits and '_', with
// an optional namespace before a dot ("acme.watermark"), at most 64 characters.
std::optional<std::string> type_name_problem(const std::string& name);
std::optional<std::string> value_type_name_problem(const std::string& name);

std::vector<std::string> stage_spec_problems(const std::string& type_name, const StageSpec& spec);

}  // namespace reelflow::framework
