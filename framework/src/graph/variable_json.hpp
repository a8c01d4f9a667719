#pragma once
// A graph variable's declaration as JSON, the one shape that `reelflow inspect
// <graph> --json` prints and `GET /api/v1/graphs` serves (the page builds its form
// from it): {name, type, description, required, trusted, default?, choices?,
// pattern?, min?, max?, max_length?}.
#include "graph/variable.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::framework {

nlohmann::json variable_declaration_to_json(const VariableDeclaration& declaration);

}  // namespace reelflow::framework
