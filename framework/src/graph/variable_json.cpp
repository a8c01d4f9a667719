#include "graph/variable_json.hpp"

namespace reelflow::framework {

nlohmann::json variable_declaration_to_json(const VariableDeclaration& d) {
  nlohmann::json j = {{"name", d.name},
                      {"type", variable_type_name(d.type)},
                      {"description", d.description},
                      {"required", !d.default_value.has_value()},
                      {"trusted", d.trusted}};
  if (d.default_value) j["default"] = *d.default_value;
  if (!d.choices.empty()) j["choices"] = d.choices;
  if (d.pattern) j["pattern"] = d.pattern->source();
  if (d.min) j["min"] = *d.min;
  if (d.max) j["max"] = *d.max;
  if (d.type == VariableType::String) j["max_length"] = d.max_length;
  return j;
}

}  // namespace reelflow::framework
