#include "graph/value_schema.hpp"

#include "graph/safe_pattern.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

namespace reelflow::framework {

using nlohmann::json;

struct ValueSchema::Node {
  std::set<std::string> types;  // empty: any
  std::map<std::string, std::unique_ptr<Node>> properties;
  std::vector<std::string> required;
  bool additional_allowed = true;
  std::unique_ptr<Node> additional;  // a schema for properties not listed
  std::unique_ptr<Node> items;
  std::optional<std::vector<json>> enumeration;
  std::optional<json> constant;
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<std::size_t> min_length, max_length, min_items, max_items;
  std::optional<SafePattern> pattern;
  std::vector<std::unique_ptr<Node>> all_of, any_of, one_of;
};

namespace {

using Node = ValueSchema::Node;

const std::set<std::string> kTypeNames = {"object", "array", "string", "number", "integer", "boolean", "null"};
const std::set<std::string> kAnnotations = {"$schema", "$id", "$comment", "title", "description", "default", "examples",
                                            "$defs", "definitions"};

std::string child(const std::string& pointer, const std::string& key) {
  std::string escaped;
  for (char c : key) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return pointer + "/" + escaped;
}

class Compiler {
 public:
  explicit Compiler(const json& root) : root_(root) {}
  std::optional<std::string> error;

  Node compile(const json& schema, const std::string& at, int depth) {
    Node node;
    if (depth > ValueSchema::kMaxDepth) {
      fail(at, "nested deeper than " + std::to_string(ValueSchema::kMaxDepth));
      return node;
    }
    if (!schema.is_object()) {
      fail(at, "a schema must be an object");
      return node;
    }
    for (const auto& [key, v] : schema.items()) {
      if (error) break;
      const std::string here = child(at, key);
      if (kAnnotations.count(key)) continue;
      if (key == "type") {
        read_types(v, here, node);
      } else if (key == "properties") {
        if (!v.is_object()) { fail(here, "must be an object"); continue; }
        for (const auto& [name, sub] : v.items())
          node.properties.emplace(name, std::make_unique<Node>(compile(sub, child(here, name), depth + 1)));
      } else if (key == "required") {
        if (!v.is_array()) { fail(here, "must be a list of names"); continue; }
        for (const auto& name : v) {
          if (!name.is_string()) { fail(here, "must be a list of names"); break; }
          node.required.push_back(name.get<std::string>());
        }
      } else if (key == "additionalProperties") {
        if (v.is_boolean()) node.additional_allowed = v.get<bool>();
        else node.additional = std::make_unique<Node>(compile(v, here, depth + 1));
      } else if (key == "items") {
        node.items = std::make_unique<Node>(compile(v, here, depth + 1));
      } else if (key == "enum") {
        if (!v.is_array() || v.empty()) { fail(here, "must be a non-empty list"); continue; }
        node.enumeration = v.get<std::vector<json>>();
      } else if (key == "const") {
        node.constant = v;
      } else if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" || key == "exclusiveMaximum") {
        if (!v.is_number()) { fail(here, "must be a number"); continue; }
        const double n = v.get<double>();
        (key == "minimum" ? node.minimum : key == "maximum" ? node.maximum
         : key == "exclusiveMinimum" ? node.exclusive_minimum : node.exclusive_maximum) = n;
      } else if (key == "minLength" || key == "maxLength" || key == "minItems" || key == "maxItems") {
        if (!v.is_number_unsigned()) { fail(here, "must be a whole number >= 0"); continue; }
        const auto n = v.get<std::size_t>();
        (key == "minLength" ? node.min_length : key == "maxLength" ? node.max_length
         : key == "minItems" ? node.min_items : node.max_items) = n;
      } else if (key == "pattern") {
        read_pattern(v, here, node);
      } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
        if (!v.is_array() || v.empty()) { fail(here, "must be a non-empty list of schemas"); continue; }
        auto& list = key == "allOf" ? node.all_of : key == "anyOf" ? node.any_of : node.one_of;
        for (std::size_t i = 0; i < v.size(); ++i)
          list.push_back(std::make_unique<Node>(compile(v[i], here + "/" + std::to_string(i), depth + 1)));
      } else if (key == "$ref") {
        // A local definition, compiled in place (a recursive one meets the depth limit).
        const json* target = definition(v);
        if (!target) { fail(here, "only refs to this schema's own $defs (\"#/$defs/name\") are followed"); continue; }
        node.all_of.push_back(std::make_unique<Node>(compile(*target, here, depth + 1)));
      } else {
        fail(here, "the runtime does not enforce '" + key + "' (docs/plugin-guide.md lists the keywords it does)");
      }
    }
    return node;
  }

 private:
  const json& root_;

  const json* definition(const json& ref) const {
    if (!ref.is_string()) return nullptr;
    const std::string text = ref.get<std::string>();
    for (const char* prefix : {"#/$defs/", "#/definitions/"}) {
      const std::string p = prefix;
      const std::string section = p.substr(2, p.size() - 3);
      if (text.rfind(p, 0) == 0 && root_.is_object() && root_.contains(section) && root_[section].is_object() &&
          root_[section].contains(text.substr(p.size())))
        return &root_[section][text.substr(p.size())];
    }
    return nullptr;
  }

  void fail(const std::string& at, const std::string& what) {
    if (!error) error = (at.empty() ? "/" : at) + ": " + what;
  }

  void read_types(const json& v, const std::string& at, Node& node) {
    const std::vector<json> names = v.is_array() ? v.get<std::vector<json>>() : std::vector<json>{v};
    for (const auto& name : names) {
      if (!name.is_string() || !kTypeNames.count(name.get<std::string>())) return fail(at, "unknown type " + name.dump());
      node.types.insert(name.get<std::string>());
    }
  }

  void read_pattern(const json& v, const std::string& at, Node& node) {
    if (!v.is_string()) return fail(at, "must be a string");
    std::string p = v.get<std::string>();
    // Anchors are how JSON Schema says "the whole value"; the subset has no anchors.
    const bool from_start = !p.empty() && p.front() == '^';
    if (from_start) p.erase(0, 1);
    const bool to_end = !p.empty() && p.back() == '$' && (p.size() < 2 || p[p.size() - 2] != '\\');
    if (to_end) p.pop_back();
    const std::string whole = (from_start ? "" : ".*") + std::string("(") + p + ")" + (to_end ? "" : ".*");
    auto compiled = SafePattern::compile(whole);
    if (auto* why = std::get_if<std::string>(&compiled)) return fail(at, "pattern cannot be enforced: " + *why);
    node.pattern = std::move(std::get<SafePattern>(compiled));
  }
};

std::size_t characters(const std::string& utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

bool has_type(const json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  // integer: JSON's 3.0 is an integer too
  return v.is_number_integer() || (v.is_number_float() && std::trunc(v.get<double>()) == v.get<double>());
}

std::string kind_of(const json& v) {
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_object()) return "an object";
  if (v.is_array()) return "a list";
  if (v.is_boolean()) return "a boolean";
  return "null";
}

std::optional<std::string> check(const Node& node, const json& v, const std::string& at) {
  auto fail = [&](const std::string& what) { return std::optional<std::string>((at.empty() ? "/" : at) + ": " + what); };
  for (const auto& sub : node.all_of)
    if (auto why = check(*sub, v, at)) return why;
  // When no alternative matches, the one that got deepest into the value says best
  // what is wrong (a list of detections fails at /1/label, not at "not an object").
  auto closest = [](const std::optional<std::string>& a, const std::optional<std::string>& b) {
    if (!a) return b;
    return b && b->find(':') > a->find(':') ? b : a;
  };
  for (const auto* alternatives : {&node.any_of, &node.one_of}) {
    if (alternatives->empty()) continue;
    std::size_t matching = 0;
    std::optional<std::string> deepest;
    for (const auto& sub : *alternatives) {
      auto why = check(*sub, v, at);
      matching += !why;
      deepest = closest(deepest, why);
    }
    if (matching == 0)
      return fail("matches none of its " + std::to_string(alternatives->size()) + " alternatives (the closest: " +
                  *deepest + ")");
    if (matching > 1 && alternatives == &node.one_of) return fail("matches more than one of its alternatives (oneOf)");
  }
  if (!node.types.empty()) {
    bool ok = false;
    std::string wanted;
    for (const auto& t : node.types) {
      ok = ok || has_type(v, t);
      wanted += (wanted.empty() ? "" : " or ") + t;
    }
    if (!ok) return fail("expected " + wanted + ", found " + kind_of(v));
  }
  if (node.constant && v != *node.constant) return fail("must be " + node.constant->dump());
  if (node.enumeration && std::find(node.enumeration->begin(), node.enumeration->end(), v) == node.enumeration->end())
    return fail(v.dump() + " is not one of " + json(*node.enumeration).dump());
  if (v.is_number()) {
    const double n = v.get<double>();
    if (node.minimum && n < *node.minimum) return fail(v.dump() + " is below the minimum " + json(*node.minimum).dump());
    if (node.maximum && n > *node.maximum) return fail(v.dump() + " is above the maximum " + json(*node.maximum).dump());
    if (node.exclusive_minimum && n <= *node.exclusive_minimum) return fail(v.dump() + " must be above " + json(*node.exclusive_minimum).dump());
    if (node.exclusive_maximum && n >= *node.exclusive_maximum) return fail(v.dump() + " must be below " + json(*node.exclusive_maximum).dump());
  }
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    const std::size_t n = characters(s);
    if (node.min_length && n < *node.min_length) return fail("shorter than " + std::to_string(*node.min_length) + " characters");
    if (node.max_length && n > *node.max_length) return fail("longer than " + std::to_string(*node.max_length) + " characters");
    if (node.pattern && !node.pattern->matches(s)) return fail("does not match the pattern");
  }
  if (v.is_array()) {
    if (node.min_items && v.size() < *node.min_items) return fail("fewer than " + std::to_string(*node.min_items) + " items");
    if (node.max_items && v.size() > *node.max_items) return fail("more than " + std::to_string(*node.max_items) + " items");
    if (node.items)
      for (std::size_t i = 0; i < v.size(); ++i)
        if (auto why = check(*node.items, v[i], at + "/" + std::to_string(i))) return why;
  }
  if (v.is_object()) {
    for (const auto& name : node.required)
      if (!v.contains(name)) return fail("lacks the required '" + name + "'");
    for (const auto& [name, sub] : v.items()) {
      auto it = node.properties.find(name);
      if (it != node.properties.end()) {
        if (auto why = check(*it->second, sub, child(at, name))) return why;
      } else if (node.additional) {
        if (auto why = check(*node.additional, sub, child(at, name))) return why;
      } else if (!node.additional_allowed) {
        return fail("'" + name + "' is not allowed here");
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::variant<ValueSchema, std::string> ValueSchema::compile(std::string_view schema_text) {
  if (schema_text.size() > kMaxSchemaLength) return "the schema is longer than 64 KiB";
  json schema;
  try {
    schema = json::parse(schema_text);
  } catch (const json::exception& e) {
    return std::string("the schema is not JSON: ") + e.what();
  }
  Compiler compiler(schema);
  Node root = compiler.compile(schema, "", 0);
  if (compiler.error) return *compiler.error;
  return ValueSchema(std::make_shared<const Node>(std::move(root)));
}

std::optional<std::string> ValueSchema::violation(const json& value) const { return check(*root_, value, ""); }

std::optional<std::string> ValueSchema::violation_of_text(std::string_view json_text) const {
  json value;
  try {
    value = json::parse(json_text);
  } catch (const json::exception&) {
    return std::optional<std::string>("/: not JSON");
  }
  return violation(value);
}

}  // namespace reelflow::framework
