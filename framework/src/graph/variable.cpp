#include "graph/variable.hpp"

#include "graph/number_text.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

namespace reelflow::framework {
namespace {

std::string number_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string bounds_text(const VariableDeclaration& d) {
  if (d.min && d.max) return " from " + number_text(*d.min) + " to " + number_text(*d.max);
  if (d.min) return " of at least " + number_text(*d.min);
  if (d.max) return " of at most " + number_text(*d.max);
  return "";
}

std::optional<std::string> bounds_error(const VariableDeclaration& d, double v, std::string_view value) {
  if (d.min && v < *d.min) return quote_value(value) + " is less than its min " + number_text(*d.min);
  if (d.max && v > *d.max) return quote_value(value) + " is more than its max " + number_text(*d.max);
  return std::nullopt;
}

// A control character other than tab and newline: never meant, and trouble in logs and prompts.
bool has_control_character(std::string_view value) {
  for (unsigned char c : value)
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) return true;
  return false;
}

}  // namespace

std::string_view variable_type_name(VariableType type) {
  switch (type) {
    case VariableType::String: return "string";
    case VariableType::Int: return "int";
    case VariableType::Number: return "number";
    case VariableType::Bool: return "bool";
    case VariableType::Enum: return "enum";
  }
  return "?";
}

std::optional<VariableType> variable_type_from_name(std::string_view name) {
  for (auto t : {VariableType::String, VariableType::Int, VariableType::Number, VariableType::Bool, VariableType::Enum})
    if (variable_type_name(t) == name) return t;
  return std::nullopt;
}

std::string quote_value(std::string_view value) {
  constexpr std::size_t kShown = 60;
  std::string shown(value.substr(0, kShown));
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return "'" + shown + (value.size() > kShown ? "...' (" + std::to_string(value.size()) + " characters)" : "'");
}

std::optional<std::string> variable_value_error(const VariableDeclaration& d, std::string_view value) {
  switch (d.type) {
    case VariableType::Int: {
      if (!is_integer_text(value)) return quote_value(value) + " is not a whole number";
      std::int64_t v = 0;
      if (std::from_chars(value.data(), value.data() + value.size(), v).ec != std::errc())
        return quote_value(value) + " is too large";
      return bounds_error(d, static_cast<double>(v), value);
    }
    case VariableType::Number: {
      if (!is_number_text(value)) return quote_value(value) + " is not a number";
      double v = 0;
      const auto [_, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || !std::isfinite(v)) return quote_value(value) + " is out of range";
      return bounds_error(d, v, value);
    }
    case VariableType::Bool:
      if (value != "true" && value != "false") return quote_value(value) + " is not true or false";
      return std::nullopt;
    case VariableType::Enum:
      for (const auto& c : d.choices)
        if (c == value) return std::nullopt;
      return quote_value(value) + " is not one of its choices";
    case VariableType::String:
      if (value.size() > d.max_length)
        return "its value is " + std::to_string(value.size()) + " characters long, more than its max_length " +
               std::to_string(d.max_length);
      if (has_control_character(value)) return quote_value(value) + " contains a control character";
      if (d.pattern && !d.pattern->matches(value))
        return quote_value(value) + " does not match its pattern '" + d.pattern->source() + "'";
      return std::nullopt;
  }
  return std::nullopt;
}

std::string describe_variable_rule(const VariableDeclaration& d) {
  switch (d.type) {
    case VariableType::Int: return "a whole number" + bounds_text(d);
    case VariableType::Number: return "a number" + bounds_text(d);
    case VariableType::Bool: return "true or false";
    case VariableType::Enum: {
      std::string out = "one of:";
      for (const auto& c : d.choices) out += " " + c;
      return out;
    }
    case VariableType::String: {
      std::string out = "text of at most " + std::to_string(d.max_length) + " characters";
      if (d.pattern) out += " matching '" + d.pattern->source() + "'";
      return out;
    }
  }
  return "";
}

}  // namespace reelflow::framework
