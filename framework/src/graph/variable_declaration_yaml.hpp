#pragma once
// Reads one entry of a graph's `variables:` mapping: the short form `name: default`
// or the long form `name: { type, default, description, choices, pattern, min,
// max, max_length, trusted }` (docs/graph-format.md, "Variables").
#include "graph/diagnostic.hpp"
#include "graph/variable.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace reelflow::framework {

inline constexpr std::size_t kMaxVariableNameLength = 64;
inline constexpr std::size_t kMaxChoices = 256;

// The declaration, or nullopt with the reasons added to `diagnostics`.
std::optional<VariableDeclaration> read_variable_declaration(const YAML::Node& key, const YAML::Node& value,
                                                             const std::string& file, Diagnostics& diagnostics);

}  // namespace reelflow::framework
