// `reelflow plugins` and `reelflow inspect TYPE` (like gst-inspect-1.0).
#include "commands.hpp"

#include <reelflow/framework/param_binder.hpp>
#include <reelflow/runtime.hpp>

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace reelflow::cli {
namespace {

nlohmann::json spec_to_json(const framework::StageType& type) {
  nlohmann::json j;
  j["type"] = type.name;
  j["summary"] = type.spec.summary();
  j["plugin"] = type.plugin->name;
  for (const auto* ports : {&type.spec.inputs(), &type.spec.outputs()}) {
    auto& out = j[ports == &type.spec.inputs() ? "inputs" : "outputs"];
    out = nlohmann::json::array();
    for (const auto& p : *ports)
      out.push_back({{"name", p.name}, {"type", port_type_name(p.type)}, {"doc", p.doc}, {"required", p.required}});
  }
  j["params"] = nlohmann::json::array();
  for (const auto& p : type.spec.params()) {
    nlohmann::json pj = {{"name", p.name}, {"type", param_type_name(p.type)}, {"doc", p.doc}, {"required", p.required()}};
    if (p.default_value) pj["default"] = framework::display_param(p, *p.default_value);
    if (!p.choices.empty()) pj["choices"] = p.choices;
    if (p.min) pj["min"] = *p.min;
    if (p.max) pj["max"] = *p.max;
    if (p.secret) pj["secret"] = true;
    j["params"].push_back(std::move(pj));
  }
  return j;
}

void print_ports(const char* title, const std::vector<PortSpec>& ports, bool inputs) {
  std::cout << title << ":\n";
  if (ports.empty()) std::cout << "  (none)\n";
  for (const auto& p : ports) {
    std::cout << "  " << std::left << std::setw(14) << p.name << std::setw(8) << port_type_name(p.type);
    if (inputs && !p.required) std::cout << " (optional)";
    std::cout << "  " << p.doc << "\n";
  }
}

}  // namespace

int list_plugins(const CommonOptions& common, bool json) {
  Runtime runtime(RuntimeOptions{common.plugin_paths, true});
  if (json) {
    nlohmann::json j;
    j["plugins"] = nlohmann::json::array();
    for (const auto& p : runtime.plugins())
      j["plugins"].push_back({{"name", p->name}, {"version", p->version}, {"description", p->description},
                              {"path", p->path}, {"abi", std::to_string(p->abi_major) + "." + std::to_string(p->abi_minor)},
                              {"stage_types", p->stage_types}});
    j["failures"] = nlohmann::json::array();
    for (const auto& f : runtime.plugin_failures()) j["failures"].push_back({{"path", f.path}, {"reason", f.reason}});
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& p : runtime.plugins()) {
    std::cout << p->name << " " << p->version << "  " << p->description << "\n    " << p->path << "\n";
    for (const auto& t : p->stage_types) {
      const auto* type = runtime.registry().find(t);
      std::cout << "    " << std::left << std::setw(18) << t << (type ? type->spec.summary() : "") << "\n";
    }
  }
  if (runtime.plugins().empty()) std::cout << "no plugins found\n";
  for (const auto& f : runtime.plugin_failures()) std::cout << "failed: " << f.to_string() << "\n";
  return kExitOk;
}

int inspect_stage_type(const CommonOptions& common, const std::string& name, bool json) {
  Runtime runtime(RuntimeOptions{common.plugin_paths, true});
  const auto* type = runtime.registry().find(name);
  if (!type) {
    const auto hint = runtime.registry().closest(name);
    std::cerr << "reelflow: error: unknown stage type '" << name << "'"
              << (hint.empty() ? "" : " (did you mean '" + hint + "'?)") << "\n";
    return kExitInvalidInput;
  }
  if (json) {
    std::cout << spec_to_json(*type).dump(2) << "\n";
    return kExitOk;
  }
  std::cout << type->name << ": " << type->spec.summary() << "\n"
            << "plugin: " << type->plugin->name << " " << type->plugin->version << " (" << type->plugin->path << ")\n\n";
  print_ports("Inputs", type->spec.inputs(), true);
  print_ports("Outputs", type->spec.outputs(), false);
  std::cout << "Parameters:\n";
  if (type->spec.params().empty()) std::cout << "  (none)\n";
  for (const auto& p : type->spec.params()) {
    std::cout << "  " << p.name << " (" << param_type_name(p.type) << ")";
    if (p.required()) std::cout << " required";
    else std::cout << " default " << framework::display_param(p, *p.default_value);
    if (p.secret) std::cout << " secret";
    std::cout << "\n      " << p.doc << "\n";
    if (!p.choices.empty()) {
      std::cout << "      one of:";
      for (const auto& c : p.choices) std::cout << " " << c;
      std::cout << "\n";
    }
    if (p.min && p.max) std::cout << "      range: " << *p.min << " .. " << *p.max << "\n";
  }
  return kExitOk;
}

}  // namespace reelflow::cli
