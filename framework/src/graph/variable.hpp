#pragma once
// A graph's variables: declared with a type and limits under `variables:`, set by
// whoever runs the graph (`--set`, a job's variables) and checked before anything
// runs. The short form `name: default` declares an unconstrained string, or a
// number when the default is one. docs/graph-format.md, "Variables".
#include "graph/diagnostic.hpp"
#include "graph/safe_pattern.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::framework {

enum class VariableType { String, Int, Number, Bool, Enum };

std::string_view variable_type_name(VariableType type);
std::optional<VariableType> variable_type_from_name(std::string_view name);

struct VariableDeclaration {
  static constexpr std::size_t kDefaultMaxLength = 4096;
  static constexpr std::size_t kMaxMaxLength = 65536;

  std::string name;
  VariableType type = VariableType::String;
  std::optional<std::string> default_value;  // absent: whoever runs the graph must set it
  std::string description;
  std::vector<std::string> choices;              // enum
  std::shared_ptr<const SafePattern> pattern;    // string: the whole value must match
  std::optional<double> min;                     // int, number
  std::optional<double> max;
  std::size_t max_length = kDefaultMaxLength;    // string
  // Set only by whoever runs the graph (`reelflow run --set`, an embedding host),
  // never by a job request; it may then feed any trusted parameter.
  bool trusted = false;
  bool short_form = false;  // declared as `name: default`
  SourceLocation location;
};

// Why `value` breaks the declaration (e.g. "500 is more than its max 180"), or
// nullopt when it is a valid value.
std::optional<std::string> variable_value_error(const VariableDeclaration& declaration, std::string_view value);

// The rule in words, for "expected" hints: "a whole number from 10 to 180".
std::string describe_variable_rule(const VariableDeclaration& declaration);

// A value shortened for messages: values are the runner's input and may be huge.
std::string quote_value(std::string_view value);

struct GraphVariable {
  VariableDeclaration declaration;
  std::string value;  // the default, or what the runner set
  bool broken = false;  // its declaration or value was reported: what uses it is not validated further
};

}  // namespace reelflow::framework
