// `reelflow plugins`, `reelflow inspect TYPE` (like gst-inspect-1.0) and
// `reelflow inspect GRAPH` (its variables: what a run or a job may set).
#include "commands.hpp"
#include "stage_vendors.hpp"

#include "graph/graph_loader.hpp"
#include "graph/param_binder.hpp"
#include "graph/variable_json.hpp"
#include "run/runtime_internals.hpp"

#include <reelflow/runtime.hpp>

#include <nlohmann/json.hpp>

#include <iomanip>
#include <optional>
#include <sstream>
#include <iostream>

namespace reelflow::cli {
namespace {

// What a job's variables may do to a string param (docs/graph-format.md, "Trusted parameters").
std::optional<std::string> shown_trust(const StageSpec& spec, const ParamSpec& p) {
  if ((p.type != ParamType::String && p.type != ParamType::StringList) || !p.choices.empty()) return std::nullopt;
  return std::string(param_trust_name(spec.trust_of(p.name)));
}

std::string network_text(const StageSpec& spec) {
  if (spec.network_always()) return "always";
  std::string out;
  for (const auto& [param, values] : spec.network_when()) {
    out += (out.empty() ? "when " : "; when ") + param + " is";
    for (const auto& v : values) out += " " + v;
  }
  return out.empty() ? "never" : out;
}

nlohmann::json spec_to_json(const framework::StageType& type) {
  nlohmann::json j;
  j["type"] = type.name;
  j["summary"] = type.spec.summary();
  j["plugin"] = type.plugin->name;
  for (const auto* ports : {&type.spec.inputs(), &type.spec.outputs()}) {
    auto& out = j[ports == &type.spec.inputs() ? "inputs" : "outputs"];
    out = nlohmann::json::array();
    for (const auto& p : *ports)
      out.push_back({{"name", p.name}, {"type", p.type}, {"doc", p.doc}, {"required", p.required},
                     {"stream", p.is_stream()}, {"also_accepts", p.also_accepts}});
  }
  j["params"] = nlohmann::json::array();
  for (const auto& p : type.spec.params()) {
    nlohmann::json pj = {{"name", p.name}, {"type", param_type_name(p.type)}, {"doc", p.doc}, {"required", p.required()}};
    if (p.default_value) pj["default"] = framework::display_param(p, *p.default_value);
    if (!p.choices.empty()) pj["choices"] = p.choices;
    if (p.min) pj["min"] = *p.min;
    if (p.max) pj["max"] = *p.max;
    if (p.secret) pj["secret"] = true;
    if (auto trust = shown_trust(type.spec, p)) pj["trust"] = *trust;
    j["params"].push_back(std::move(pj));
  }
  j["network"] = network_text(type.spec);
  return j;
}

void print_ports(const char* title, const std::vector<PortSpec>& ports, bool inputs) {
  std::cout << title << ":\n";
  if (ports.empty()) std::cout << "  (none)\n";
  for (const auto& p : ports) {
    std::string type = p.is_stream() ? "stream " + p.type : p.type;
    for (const auto& other : p.also_accepts) type += "|" + other;
    std::cout << "  " << std::left << std::setw(14) << p.name << std::setw(8) << type;
    if (inputs && !p.required) std::cout << " (optional)";
    std::cout << "  " << p.doc << "\n";
  }
}

std::string markdown_escape(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

void print_markdown(const framework::StageType& type) {
  const auto& spec = type.spec;
  std::cout << "## `" << type.name << "`\n\n" << spec.summary() << "\n\nPlugin: `" << type.plugin->name << "` "
            << type.plugin->version << "\n\n";
  for (const auto* ports : {&spec.inputs(), &spec.outputs()}) {
    const bool inputs = ports == &spec.inputs();
    std::cout << "| " << (inputs ? "input" : "output") << " | type | " << (inputs ? "required | " : "") << "description |\n"
              << (inputs ? "| --- | --- | --- | --- |\n" : "| --- | --- | --- |\n");
    if (ports->empty()) std::cout << (inputs ? "| (none) | | | |\n" : "| (none) | | |\n");
    for (const auto& p : *ports) {
      std::cout << "| `" << p.name << "` | " << (p.is_stream() ? "stream " : "") << p.type << " | ";
      if (inputs) std::cout << (p.required ? "yes" : "no") << " | ";
      std::cout << markdown_escape(p.doc) << " |\n";
    }
    std::cout << "\n";
  }
  std::cout << "| parameter | type | default | description |\n| --- | --- | --- | --- |\n";
  for (const auto& p : spec.params()) {
    std::string allowed;
    for (const auto& c : p.choices) allowed += (allowed.empty() ? "" : ", ") + c;
    std::ostringstream range;
    if (p.min && p.max) range << " Range " << *p.min << " to " << *p.max << ".";
    std::cout << "| `" << p.name << "` | " << param_type_name(p.type) << " | "
              << (p.required() ? "**required**" : "`" + markdown_escape(framework::display_param(p, *p.default_value)) + "`")
              << " | " << markdown_escape(p.doc) << (allowed.empty() ? "" : " One of: " + allowed + ".") << range.str()
              << (p.secret ? " Secret: set it with `${env:NAME}`." : "") << " |\n";
  }
  std::cout << "\n";
}

}  // namespace

int print_stage_reference(const CommonOptions& common) {
  Runtime runtime(RuntimeOptions{.plugin_paths = common.plugin_paths, .cache_dir = common.cache_dir});
  std::cout << "# Stage reference\n\nGenerated by `reelflow docs` from the stage types' own declarations "
               "(what `reelflow inspect TYPE` prints). Details and examples: [docs/stages/](stages/).\n\n";
  for (const auto* type : RuntimeInternals::registry(runtime).all()) print_markdown(*type);
  return kExitOk;
}

int list_plugins(const CommonOptions& common, bool json) {
  Runtime runtime(RuntimeOptions{.plugin_paths = common.plugin_paths, .cache_dir = common.cache_dir});
  std::vector<std::string> type_names;
  for (const auto* type : RuntimeInternals::registry(runtime).all()) type_names.push_back(type->name);
  if (json) {
    nlohmann::json j;
    j["plugins"] = nlohmann::json::array();
    for (const auto& p : RuntimeInternals::plugins(runtime))
      j["plugins"].push_back({{"name", p->name}, {"version", p->version}, {"description", p->description},
                              {"path", p->path}, {"abi", std::to_string(p->abi_major) + "." + std::to_string(p->abi_minor)},
                              {"stage_types", p->stage_types}});
    j["vendors"] = group_by_vendor(type_names);
    j["failures"] = nlohmann::json::array();
    for (const auto& f : runtime.plugin_failures()) j["failures"].push_back({{"path", f.path}, {"reason", f.reason}});
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& p : RuntimeInternals::plugins(runtime)) {
    std::cout << p->name << " " << p->version << "  " << p->description << "\n    " << p->path << "\n";
    for (const auto& t : p->stage_types) {
      const auto* type = RuntimeInternals::registry(runtime).find(t);
      std::cout << "    " << std::left << std::setw(18) << t << (type ? type->spec.summary() : "") << "\n";
    }
  }
  if (RuntimeInternals::plugins(runtime).empty()) std::cout << "no plugins found\n";
  else std::cout << "\nstage types by vendor:\n";
  for (const auto& [vendor, names] : group_by_vendor(type_names)) {
    std::cout << vendor << " (" << names.size() << ")\n";
    for (const auto& name : names) {
      const auto* type = RuntimeInternals::registry(runtime).find(name);
      std::cout << "    " << std::left << std::setw(18) << name << " "
                << (type && type->plugin ? "from " + type->plugin->name : "") << "\n";
    }
  }
  for (const auto& f : runtime.plugin_failures()) std::cout << "failed: " << f.to_string() << "\n";
  return kExitOk;
}

int inspect_stage_type(const CommonOptions& common, const std::string& name, bool json) {
  Runtime runtime(RuntimeOptions{.plugin_paths = common.plugin_paths, .cache_dir = common.cache_dir});
  const auto* type = RuntimeInternals::registry(runtime).find(name);
  if (!type) {
    const auto hint = RuntimeInternals::registry(runtime).closest(name);
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
    if (auto trust = shown_trust(type->spec, p); trust && *trust != "free text")
      std::cout << "      trusted: " << *trust << " (a job's variable reaches it only in a provably safe form)\n";
  }
  std::cout << "Network: " << network_text(type->spec) << "\n";
  return kExitOk;
}

int inspect_graph(const std::filesystem::path& file, bool json) {
  // The variables are what matter here: ${env:...} is shown as a placeholder, not read.
  const framework::GraphLoader loader([](const std::string& name) { return std::optional<std::string>("<" + name + ">"); });
  const auto loaded = loader.load_file(file);
  if (!loaded.ok()) {
    std::cerr << framework::format_diagnostics(loaded.diagnostics);
    return kExitInvalidInput;
  }
  const framework::Graph& graph = *loaded.graph;
  if (json) {
    nlohmann::json j = {{"graph", graph.name}, {"description", graph.description}};
    j["variables"] = nlohmann::json::array();
    for (const auto& v : graph.variables) j["variables"].push_back(framework::variable_declaration_to_json(v.declaration));
    j["stages"] = nlohmann::json::array();
    for (const auto& s : graph.stages) j["stages"].push_back({{"id", s.id}, {"type", s.type}});
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << graph.name << ": " << graph.description << "\n\nVariables:\n";
  if (graph.variables.empty()) std::cout << "  (none)\n";
  for (const auto& v : graph.variables) {
    const auto& d = v.declaration;
    std::cout << "  " << d.name << " (" << framework::variable_type_name(d.type) << ")"
              << (d.default_value ? " default '" + *d.default_value + "'" : " required")
              << (d.trusted ? " trusted: set only from the command line, never by a job" : "") << "\n";
    if (!d.description.empty()) std::cout << "      " << d.description << "\n";
    std::cout << "      " << framework::describe_variable_rule(d) << "\n";
  }
  std::cout << "Stages:\n";
  for (const auto& s : graph.stages) std::cout << "  " << std::left << std::setw(16) << s.id << s.type << "\n";
  return kExitOk;
}

}  // namespace reelflow::cli
