#include "sandbox/graph_needs.hpp"

#include <system_error>

namespace reelflow::framework::sandbox {
namespace {

// Plugins built before SDK 1.4 cannot say whether they use the network: they get it.
bool declares_network_use(const StageType& type) {
  return !type.plugin || type.plugin->abi_major > 1 || type.plugin->abi_minor >= 4;
}

// A declared value ending in '*' matches every value that starts with the rest
// (a URL scheme: "srt://*"). The params hold the graph's resolved values, so a
// variable decides by what it resolved to. A runtime without this rule compares
// the text as is and gives no network: it fails closed.
bool matches(const std::string& value, const std::string& declared) {
  if (!declared.empty() && declared.back() == '*')
    return value.compare(0, declared.size() - 1, declared, 0, declared.size() - 1) == 0;
  return value == declared;
}

bool needs_network(const PlannedStage& stage) {
  const StageSpec& spec = stage.type->spec;
  if (!declares_network_use(*stage.type) || spec.network_always()) return true;
  for (const auto& [param, values] : spec.network_when()) {
    if (!stage.params.has(param)) continue;
    // A string param, or any item of a list param (a chain of providers).
    const auto& held = stage.params.values().find(param)->second;
    std::vector<std::string> items;
    if (const auto* value = std::get_if<std::string>(&held)) items.push_back(*value);
    if (const auto* list = std::get_if<std::vector<std::string>>(&held)) items = *list;
    for (const auto& item : items)
      for (const auto& v : values)
        if (matches(item, v)) return true;
  }
  return false;
}

// Files and directories the graph names in path parameters (an input video, a
// folder of pictures, music): the graph author chose them, so the run may read them.
void add_named_paths(const PlannedStage& stage, std::vector<std::filesystem::path>& out) {
  const auto add = [&out](const std::string& text) {
    if (text.empty()) return;
    std::error_code ec;
    const auto path = std::filesystem::absolute(text, ec);
    if (!ec && std::filesystem::exists(path, ec)) out.push_back(path.lexically_normal());
  };
  for (const auto& [name, value] : stage.params.values()) {
    if (stage.type->spec.trust_of(name) != ParamTrust::Path) continue;
    if (const auto* s = std::get_if<std::string>(&value)) add(*s);
    if (const auto* list = std::get_if<std::vector<std::string>>(&value))
      for (const auto& item : *list) add(item);
  }
}

}  // namespace

GraphNeeds graph_needs(const ExecutionPlan& plan) {
  GraphNeeds needs;
  needs.environment_names = plan.graph.environment_names;
  needs.network = false;
  for (const auto& stage : plan.stages) {
    if (!stage.type) continue;
    needs.network = needs.network || needs_network(stage);
    add_named_paths(stage, needs.read_paths);
  }
  return needs;
}

}  // namespace reelflow::framework::sandbox
