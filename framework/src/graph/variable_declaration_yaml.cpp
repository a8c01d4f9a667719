#include "graph/variable_declaration_yaml.hpp"

#include "graph/graph_loader.hpp"
#include "graph/number_text.hpp"

#include <set>

namespace reelflow::framework {
namespace {

const std::set<std::string> kDeclarationKeys = {"type",    "default", "description", "choices",   "pattern",
                                                "min",     "max",     "max_length",  "trusted"};

bool valid_variable_name(const std::string& name) {
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (name.empty() || name.size() > kMaxVariableNameLength || !letter(name.front())) return false;
  for (char c : name)
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

class DeclarationReader {
 public:
  DeclarationReader(const std::string& file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  SourceLocation at(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return mark.line < 0 ? SourceLocation{file_, 0, 0} : SourceLocation{file_, mark.line + 1, mark.column + 1};
  }
  void error(const YAML::Node& node, std::string message, std::string expected) {
    diagnostics_.push_back({at(node), std::move(message), std::move(expected)});
  }

  std::optional<std::string> scalar(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar()) return node.Scalar();
    error(node, what + " must be a single value", "a string or number");
    return std::nullopt;
  }

  std::optional<double> number(const YAML::Node& node, const std::string& what) {
    auto text = scalar(node, what);
    if (!text) return std::nullopt;
    if (!is_number_text(*text)) {
      error(node, what + " is not a number", "e.g. 10 or 2.5");
      return std::nullopt;
    }
    return std::stod(*text);
  }

  void read_long_form(const YAML::Node& node, VariableDeclaration& d) {
    const std::string& name = d.name;
    for (const auto& kv : node) {
      const auto key = kv.first.as<std::string>();
      if (!kDeclarationKeys.count(key))
        error(kv.first, "unknown key '" + key + "' in the declaration of variable '" + name + "'",
              "one of: type, default, description, choices, pattern, min, max, max_length, trusted");
    }
    if (auto type = node["type"]) {
      if (auto text = scalar(type, "the type of variable '" + name + "'")) {
        if (auto t = variable_type_from_name(*text)) d.type = *t;
        else error(type, "unknown type '" + *text + "' of variable '" + name + "'", "string, int, number, bool or enum");
      }
    } else if (node["choices"]) {
      d.type = VariableType::Enum;
    }
    if (auto description = node["description"])
      d.description = scalar(description, "the description of variable '" + name + "'").value_or("");
    read_choices(node["choices"], d);
    read_pattern(node["pattern"], d);
    read_bounds(node, d);
    if (auto length = node["max_length"]) {
      if (d.type != VariableType::String) {
        error(length, "max_length is for string variables; '" + name + "' is " + type_text(d), "remove max_length");
      } else if (auto n = number(length, "max_length of variable '" + name + "'")) {
        if (*n < 1 || *n > static_cast<double>(VariableDeclaration::kMaxMaxLength) || *n != static_cast<long>(*n))
          error(length, "max_length of variable '" + name + "' is out of range",
                "a whole number from 1 to " + std::to_string(VariableDeclaration::kMaxMaxLength));
        else d.max_length = static_cast<std::size_t>(*n);
      }
    }
    if (auto trusted = node["trusted"]) {
      auto text = scalar(trusted, "'trusted' of variable '" + name + "'");
      if (text && (*text == "true" || *text == "false")) d.trusted = *text == "true";
      else if (text) error(trusted, "'trusted' of variable '" + name + "' must be true or false", "true or false");
    }
    if (auto def = node["default"]) {
      if (def.IsNull()) d.default_value = "";
      else d.default_value = scalar(def, "the default of variable '" + name + "'");
      if (d.default_value) check_default(def, d);
    }
  }

 private:
  static std::string type_text(const VariableDeclaration& d) { return "of type " + std::string(variable_type_name(d.type)); }

  void read_choices(const YAML::Node& node, VariableDeclaration& d) {
    if (!node) {
      if (d.type == VariableType::Enum) error_at_declaration(d, "enum variable '" + d.name + "' has no choices");
      return;
    }
    if (d.type != VariableType::Enum) {
      error(node, "choices are for enum variables; '" + d.name + "' is " + type_text(d), "type: enum");
      return;
    }
    if (!node.IsSequence() || node.size() == 0 || node.size() > kMaxChoices) {
      error(node, "choices of variable '" + d.name + "' must be a list of 1 to " + std::to_string(kMaxChoices) + " values",
            "choices: [a, b, c]");
      return;
    }
    for (const auto& c : node)
      if (auto text = scalar(c, "a choice of variable '" + d.name + "'")) d.choices.push_back(*text);
  }

  void read_pattern(const YAML::Node& node, VariableDeclaration& d) {
    if (!node) return;
    if (d.type != VariableType::String) {
      error(node, "a pattern is for string variables; '" + d.name + "' is " + type_text(d), "type: string");
      return;
    }
    auto text = scalar(node, "the pattern of variable '" + d.name + "'");
    if (!text) return;
    auto compiled = SafePattern::compile(*text);
    if (auto* why = std::get_if<std::string>(&compiled)) {
      error(node, "pattern of variable '" + d.name + "': " + *why,
            "literals, \\d \\w \\s, [classes], ., (groups), |, ?, *, +, {n,m}");
      return;
    }
    d.pattern = std::make_shared<const SafePattern>(std::get<SafePattern>(std::move(compiled)));
  }

  void read_bounds(const YAML::Node& node, VariableDeclaration& d) {
    for (const char* key : {"min", "max"}) {
      const YAML::Node bound = node[key];
      if (!bound) continue;
      if (d.type != VariableType::Int && d.type != VariableType::Number) {
        error(bound, std::string(key) + " is for int and number variables; '" + d.name + "' is " + type_text(d),
              "type: int or type: number");
        continue;
      }
      (std::string(key) == "min" ? d.min : d.max) = number(bound, std::string(key) + " of variable '" + d.name + "'");
    }
    if (d.min && d.max && *d.min > *d.max)
      error(node["min"], "variable '" + d.name + "' has min above max", "min <= max");
  }

  void check_default(const YAML::Node& node, const VariableDeclaration& d) {
    if (auto why = variable_value_error(d, *d.default_value))
      error(node, "the default of variable '" + d.name + "' breaks its own declaration: " + *why,
            describe_variable_rule(d));
  }

  void error_at_declaration(const VariableDeclaration& d, std::string message) {
    diagnostics_.push_back({d.location, std::move(message), "choices: [a, b, c]"});
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::optional<VariableDeclaration> read_variable_declaration(const YAML::Node& key, const YAML::Node& value,
                                                             const std::string& file, Diagnostics& diagnostics) {
  DeclarationReader reader(file, diagnostics);
  VariableDeclaration d;
  d.name = key.as<std::string>();
  d.location = reader.at(key);
  const auto errors_before = diagnostics.size();
  if (!valid_variable_name(d.name))
    reader.error(key, "invalid variable name " + quote_value(d.name),
                 "a letter or '_', then letters, digits or '_', at most " + std::to_string(kMaxVariableNameLength) +
                     " characters");
  else if (d.name == GraphLoader::kGraphDirVariable)
    // Reserved: ${graph_dir} is the graph file's own directory, which nobody may set.
    reader.error(key, "'graph_dir' is reserved (${graph_dir} is the graph file's directory)", "another name");
  if (value.IsMap()) {
    reader.read_long_form(value, d);
  } else if (value.IsScalar() || value.IsNull()) {
    // The short form: an unconstrained string, or a number when the default is one.
    d.short_form = true;
    d.default_value = value.IsNull() ? "" : value.Scalar();
    if (is_number_text(*d.default_value)) d.type = VariableType::Number;
    if (auto why = variable_value_error(d, *d.default_value))
      reader.error(value, "the default of variable '" + d.name + "' is not valid: " + *why, describe_variable_rule(d));
  } else {
    reader.error(value, "variable '" + d.name + "' must be a default value or a declaration",
                 "name: default, or name: { type: int, default: 40, min: 1, max: 100 }");
  }
  if (diagnostics.size() != errors_before) return std::nullopt;
  return d;
}

}  // namespace reelflow::framework
