#pragma once
// The JSON schema a plugin registers with a value type (SDK 2.0). The runtime
// compiles it when the plugin loads (a schema it cannot enforce fails the type, with
// why) and checks every value of that type a stage outputs against it, so a consumer
// in another plugin can rely on the shape the type's owner promised.
//
// The subset of JSON Schema enforced: type (one name or a list), properties, required,
// additionalProperties (a bool or a schema), items, enum, const, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, minLength, maxLength (in characters), minItems,
// maxItems, pattern (the graph variables' safe subset; matched anywhere in the string,
// as JSON Schema does, and linear in time), allOf, anyOf, oneOf, and $ref to the
// schema's own $defs (or definitions). Annotations ($schema, $id, $comment, title,
// description, default, examples) are accepted and ignored; any other keyword is
// refused, so a schema never promises a check the runtime does not make.
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace reelflow::framework {

class ValueSchema {
 public:
  static constexpr std::size_t kMaxSchemaLength = 64 * 1024;
  static constexpr int kMaxDepth = 32;

  // The compiled schema, or why it cannot be enforced (with the keyword's JSON pointer).
  static std::variant<ValueSchema, std::string> compile(std::string_view schema_text);

  // Nothing when `value` conforms; else the first violation as "<pointer>: <what>".
  std::optional<std::string> violation(const nlohmann::json& value) const;
  // The same for a value's JSON text (text that does not parse is a violation too).
  std::optional<std::string> violation_of_text(std::string_view json_text) const;

  struct Node;

 private:
  explicit ValueSchema(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
  std::shared_ptr<const Node> root_;
};

}  // namespace reelflow::framework
