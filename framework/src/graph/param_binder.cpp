#include "graph/param_binder.hpp"

#include <cmath>
#include <optional>
#include <sstream>

namespace reelflow::framework {
namespace {

std::string describe_expected(const ParamSpec& spec) {
  std::string out(param_type_name(spec.type));
  if (!spec.choices.empty()) {
    out = "one of:";
    for (const auto& c : spec.choices) out += " " + c;
  }
  if (spec.min && spec.max) {
    std::ostringstream range;
    range << " from " << *spec.min << " to " << *spec.max;
    out += range.str();
  }
  return out;
}

std::optional<ParamValue> convert(const YAML::Node& node, ParamType type) {
  try {
    switch (type) {
      case ParamType::Bool:
        if (!node.IsScalar()) return std::nullopt;
        return ParamValue(node.as<bool>());
      case ParamType::Int: {
        if (!node.IsScalar()) return std::nullopt;
        return ParamValue(node.as<std::int64_t>());
      }
      case ParamType::Float: {
        if (!node.IsScalar()) return std::nullopt;
        const double v = node.as<double>();
        if (!std::isfinite(v)) return std::nullopt;
        return ParamValue(v);
      }
      case ParamType::String:
        if (node.IsNull()) return ParamValue(std::string());
        if (!node.IsScalar()) return std::nullopt;
        return ParamValue(node.Scalar());
      case ParamType::StringList: {
        std::vector<std::string> items;
        if (node.IsNull()) return ParamValue(items);
        if (!node.IsSequence()) return std::nullopt;
        for (const auto& item : node) {
          if (!item.IsScalar()) return std::nullopt;
          items.push_back(item.Scalar());
        }
        return ParamValue(std::move(items));
      }
    }
  } catch (const YAML::Exception&) {
  }
  return std::nullopt;
}

std::optional<double> numeric(const ParamValue& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

}  // namespace

BoundParams bind_params(const StageNode& node, const StageSpec& spec, Diagnostics& diagnostics) {
  BoundParams bound;
  for (const auto& [name, entry] : node.params) {
    const ParamSpec* ps = spec.find_param(name);
    if (!ps) {
      std::string known;
      for (const auto& p : spec.params()) known += (known.empty() ? "" : ", ") + p.name;
      diagnostics.push_back({entry.location, "stage '" + node.id + "' (" + node.type + ") has no parameter '" + name + "'",
                             known.empty() ? "this stage type takes no parameters" : "one of: " + known});
      continue;
    }
    auto value = convert(entry.value, ps->type);
    if (!value) {
      diagnostics.push_back({entry.location, "parameter '" + name + "' of stage '" + node.id + "' has the wrong type",
                             describe_expected(*ps)});
      continue;
    }
    if (auto* s = std::get_if<std::string>(&*value); s && !ps->choices.empty()) {
      bool allowed = false;
      for (const auto& c : ps->choices) allowed = allowed || c == *s;
      if (!allowed) {
        diagnostics.push_back({entry.location, "parameter '" + name + "' of stage '" + node.id + "' has invalid value '" + *s + "'",
                               describe_expected(*ps)});
        continue;
      }
    }
    if (auto n = numeric(*value); n && ((ps->min && *n < *ps->min) || (ps->max && *n > *ps->max))) {
      std::ostringstream shown;
      shown << *n;
      diagnostics.push_back({entry.location, "parameter '" + name + "' of stage '" + node.id + "' is out of range (" + shown.str() + ")",
                             describe_expected(*ps)});
      continue;
    }
    if (auto* s = std::get_if<std::string>(&*value)) {
      if (ps->secret && !s->empty() && !entry.from_environment) {
        diagnostics.push_back({entry.location, "secret parameter '" + name + "' of stage '" + node.id + "' is written in the graph",
                               "take it from the environment: ${env:NAME}"});
        continue;
      }
      if ((ps->secret || entry.from_environment) && !s->empty()) bound.secrets.push_back(*s);
    }
    bound.params.set(name, std::move(*value));
  }
  for (const auto& ps : spec.params()) {
    if (bound.params.has(ps.name) || node.params.count(ps.name)) continue;
    if (ps.required()) {
      diagnostics.push_back({node.location, "stage '" + node.id + "' (" + node.type + ") is missing required parameter '" + ps.name + "'",
                             describe_expected(ps)});
      continue;
    }
    bound.params.set(ps.name, *ps.default_value);
  }
  return bound;
}

std::string display_param(const ParamSpec& spec, const ParamValue& value) {
  if (spec.secret) return "***";
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        else if constexpr (std::is_same_v<T, double>) {
          std::ostringstream s;
          s << v;
          return s.str();
        } else if constexpr (std::is_same_v<T, std::string>) return "\"" + v + "\"";
        else {
          std::string out = "[";
          for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", \"" : "\"") + v[i] + "\"";
          return out + "]";
        }
      },
      value);
}

}  // namespace reelflow::framework
