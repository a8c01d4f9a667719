#include "plugins/stage_spec_json.hpp"

#include <stdexcept>

namespace reelflow::framework {
namespace {

using nlohmann::json;

constexpr ParamType kAllParamTypes[] = {ParamType::Bool, ParamType::Int, ParamType::Float, ParamType::String,
                                        ParamType::StringList};

ParamType param_type_from_name(const std::string& name) {
  for (ParamType t : kAllParamTypes)
    if (param_type_name(t) == name) return t;
  throw std::invalid_argument("unknown param type '" + name + "'");
}

json ports_to_json(const std::vector<PortSpec>& ports) {
  json out = json::array();
  for (const auto& p : ports)
    out.push_back({{"name", p.name},
                   {"type", p.type},
                   {"doc", p.doc},
                   {"required", p.required},
                   {"stream", p.is_stream()},
                   {"also_accepts", p.also_accepts}});
  return out;
}

void add_port_from_json(StageSpec& spec, bool input, const json& p) {
  const auto name = p.at("name").get<std::string>();
  const auto type = p.at("type").get<std::string>();
  const auto doc = p.at("doc").get<std::string>();
  PortSpec& port = p.at("stream").get<bool>() ? (input ? spec.stream_input(name, type, doc) : spec.stream_output(name, type, doc))
                                              : (input ? spec.input(name, type, doc) : spec.output(name, type, doc));
  port.required = p.at("required").get<bool>();
  port.also_accepts = p.at("also_accepts").get<std::vector<std::string>>();
}

// The alternative is stored with the value: a plugin may declare an int param
// with a float default, and the validator must see exactly what it declared.
json param_value_to_json(const ParamValue& value) {
  return std::visit(
      [](const auto& v) -> json {
        using T = std::decay_t<decltype(v)>;
        return {{"type", param_type_name(ParamTypeOf<T>::value)}, {"value", v}};
      },
      value);
}

ParamValue param_value_from_json(const json& j) {
  switch (param_type_from_name(j.at("type").get<std::string>())) {
    case ParamType::Bool: return j.at("value").get<bool>();
    case ParamType::Int: return j.at("value").get<std::int64_t>();
    case ParamType::Float: return j.at("value").get<double>();
    case ParamType::String: return j.at("value").get<std::string>();
    case ParamType::StringList: return j.at("value").get<std::vector<std::string>>();
  }
  throw std::invalid_argument("bad param value");
}

json param_to_json(const ParamSpec& p) {
  json j = {{"name", p.name}, {"type", param_type_name(p.type)}, {"doc", p.doc}, {"secret", p.secret}};
  if (p.default_value) j["default"] = param_value_to_json(*p.default_value);
  if (!p.choices.empty()) j["choices"] = p.choices;
  if (p.min) j["min"] = *p.min;
  if (p.max) j["max"] = *p.max;
  return j;
}

void add_param_from_json(StageSpec& spec, const json& j) {
  const auto name = j.at("name").get<std::string>();
  const auto doc = j.at("doc").get<std::string>();
  ParamSpec& p = j.contains("default")
                     ? std::visit([&](auto v) -> ParamSpec& { return spec.param(name, std::move(v), doc); },
                                  param_value_from_json(j.at("default")))
                     : spec.required_param(name, ParamType::String, doc);
  p.type = param_type_from_name(j.at("type").get<std::string>());
  p.secret = j.at("secret").get<bool>();
  if (j.contains("choices")) p.choices = j.at("choices").get<std::vector<std::string>>();
  if (j.contains("min")) p.min = j.at("min").get<double>();
  if (j.contains("max")) p.max = j.at("max").get<double>();
}

constexpr ParamTrust kAllTrusts[] = {ParamTrust::Unclassified, ParamTrust::FreeText, ParamTrust::Name,
                                     ParamTrust::Path,         ParamTrust::Url,      ParamTrust::Host,
                                     ParamTrust::PipelineText};

ParamTrust trust_from_name(const std::string& name) {
  for (ParamTrust t : kAllTrusts)
    if (param_trust_name(t) == name) return t;
  throw std::invalid_argument("unknown param trust '" + name + "'");
}

// In declaration order, so that a spec read back equals the one written.
json trusts_to_json(const StageSpec& spec) {
  json out = json::array();
  for (const auto& [param, trust] : spec.trusts()) out.push_back({{"param", param}, {"trust", param_trust_name(trust)}});
  return out;
}

json network_to_json(const StageSpec& spec) {
  json when = json::array();
  for (const auto& [param, values] : spec.network_when()) when.push_back({{"param", param}, {"values", values}});
  return {{"always", spec.network_always()}, {"when", std::move(when)}};
}

bool ports_equal(const std::vector<PortSpec>& a, const std::vector<PortSpec>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].type != b[i].type || a[i].doc != b[i].doc || a[i].required != b[i].required ||
        a[i].kind != b[i].kind || a[i].also_accepts != b[i].also_accepts)
      return false;
  return true;
}

bool params_equal(const ParamSpec& a, const ParamSpec& b) {
  return a.name == b.name && a.type == b.type && a.doc == b.doc && a.default_value == b.default_value &&
         a.choices == b.choices && a.min == b.min && a.max == b.max && a.secret == b.secret;
}

}  // namespace

json stage_spec_to_json(const StageSpec& spec) {
  json params = json::array();
  for (const auto& p : spec.params()) params.push_back(param_to_json(p));
  return {{"summary", spec.summary()},
          {"inputs", ports_to_json(spec.inputs())},
          {"outputs", ports_to_json(spec.outputs())},
          {"params", std::move(params)},
          {"cacheable", spec.cacheable()},
          {"redoes_scenes", spec.can_redo_scenes()},
          {"trust", trusts_to_json(spec)},
          {"network", network_to_json(spec)}};
}

StageSpec stage_spec_from_json(const json& j) {
  StageSpec spec;
  spec.describe(j.at("summary").get<std::string>());
  for (const auto& p : j.at("inputs")) add_port_from_json(spec, true, p);
  for (const auto& p : j.at("outputs")) add_port_from_json(spec, false, p);
  for (const auto& p : j.at("params")) add_param_from_json(spec, p);
  if (!j.at("cacheable").get<bool>()) spec.not_cacheable();
  if (j.value("redoes_scenes", false)) spec.redoes_scenes();
  for (const auto& t : j.at("trust"))
    spec.trust(t.at("param").get<std::string>(), trust_from_name(t.at("trust").get<std::string>()));
  const json& network = j.at("network");
  if (network.at("always").get<bool>()) spec.uses_network();
  for (const auto& w : network.at("when"))
    spec.uses_network_when(w.at("param").get<std::string>(), w.at("values").get<std::vector<std::string>>());
  return spec;
}

bool stage_specs_equal(const StageSpec& a, const StageSpec& b) {
  if (a.summary() != b.summary() || a.cacheable() != b.cacheable() ||
      a.can_redo_scenes() != b.can_redo_scenes() || a.trusts() != b.trusts() ||
      a.network_always() != b.network_always() || a.network_when() != b.network_when() ||
      !ports_equal(a.inputs(), b.inputs()) ||
      !ports_equal(a.outputs(), b.outputs()) || a.params().size() != b.params().size())
    return false;
  for (std::size_t i = 0; i < a.params().size(); ++i)
    if (!params_equal(a.params()[i], b.params()[i])) return false;
  return true;
}

}  // namespace reelflow::framework
