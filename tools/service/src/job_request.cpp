#include "job_request.hpp"

#include <filesystem>

namespace reelflow::service {
namespace {

std::optional<std::string> scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

// A name from the request, quoted for an error message: never more than a line of it.
std::string quoted(const std::string& name) {
  constexpr std::size_t kShown = 64;
  std::size_t cut = std::min(name.size(), kShown);
  while (cut > 0 && cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
  return "'" + name.substr(0, cut) + (cut < name.size() ? "...'" : "'");
}

std::optional<int> bounded_int(const nlohmann::json& body, const char* key, int lo, int hi, std::string& error) {
  if (!body.contains(key)) return std::nullopt;
  const auto& v = body[key];
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi) {
    error = std::string("'") + key + "' must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
    return std::nullopt;
  }
  return v.get<int>();
}

// {"scenes": [2, 5], "take": 1}: scene numbers and a take, each within its bound.
bool parse_redo(const nlohmann::json& redo, SceneRedo& out, std::string& error) {
  error = "'redo' must be {\"scenes\": [1-" + std::to_string(kMaxRedoScene) + ", at most " +
          std::to_string(kMaxRedoScenes) + "], \"take\": 1-" + std::to_string(kMaxRedoTake) + "}";
  if (!redo.is_object() || !redo.contains("scenes") || !redo["scenes"].is_array() || redo["scenes"].empty() ||
      redo["scenes"].size() > kMaxRedoScenes)
    return false;
  for (auto& [key, _] : redo.items())
    if (key != "scenes" && key != "take") return false;
  for (const auto& scene : redo["scenes"]) {
    if (!scene.is_number_integer() || scene.get<long long>() < 1 || scene.get<long long>() > kMaxRedoScene) return false;
    out.scenes.insert(scene.get<int>());
  }
  if (redo.contains("take")) {
    const auto& take = redo["take"];
    if (!take.is_number_integer() || take.get<long long>() < 1 || take.get<long long>() > kMaxRedoTake) return false;
    out.take = take.get<int>();
  }
  error.clear();
  return true;
}

}  // namespace

std::variant<Job, RequestError> parse_job_request(const std::string& body, const GraphCatalog& catalog,
                                                  const JobRequestPolicy& policy) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return RequestError{"the body must be a JSON object"};
  for (auto& [key, _] : json.items())
    if (key != "graph" && key != "graph_yaml" && key != "variables" && key != "max_attempts" && key != "timeout_s" &&
        key != "redo")
      return RequestError{"unknown field " + quoted(key) +
                          " (expected graph, graph_yaml, variables, max_attempts, timeout_s, redo)"};

  Job job;
  if (json.contains("graph") == json.contains("graph_yaml"))
    return RequestError{"give exactly one of 'graph' (an allowed graph's name) and 'graph_yaml'"};
  if (json.contains("graph")) {
    if (!json["graph"].is_string()) return RequestError{"'graph' must be a string"};
    const auto* graph = catalog.find(json["graph"].get<std::string>());
    if (!graph) return RequestError{"unknown graph " + quoted(json["graph"].get<std::string>()) + " (GET /api/v1/graphs lists them)"};
    job.graph = graph->name;
    job.graph_yaml = graph->yaml;
    job.graph_dir = graph->file.lexically_normal().parent_path().string();  // absolute (GraphCatalog)
    job.graph_parts = graph->parts;
  } else {
    if (!policy.allow_upload) return RequestError{"uploaded graphs are not enabled on this server (serve --allow-graph-upload)"};
    if (!json["graph_yaml"].is_string()) return RequestError{"'graph_yaml' must be a string"};
    job.graph = Job::kUploadedGraph;
    job.graph_yaml = json["graph_yaml"].get<std::string>();
    // An uploaded graph must not read the server's environment (its secrets). The
    // loader enforces it (GraphEnvironment::Forbidden); this answers early and plainly.
    if (job.graph_yaml.find("${env:") != std::string::npos)
      return RequestError{"uploaded graphs may not use ${env:...}; use an allowed graph for stages that need secrets"};
  }
  if (json.contains("variables")) {
    if (!json["variables"].is_object()) return RequestError{"'variables' must be an object of name: value"};
    if (json["variables"].size() > kMaxVariables)
      return RequestError{"too many variables (" + std::to_string(json["variables"].size()) + "; at most " +
                          std::to_string(kMaxVariables) + ")"};
    for (auto& [name, value] : json["variables"].items()) {
      if (name.size() > kMaxVariableNameBytes)
        return RequestError{"variable name " + quoted(name) + " is longer than " + std::to_string(kMaxVariableNameBytes) + " bytes"};
      auto text = scalar_text(value);
      if (!text) return RequestError{"variable " + quoted(name) + " must be a string, number or boolean"};
      if (text->size() > kMaxVariableValueBytes)
        return RequestError{"variable " + quoted(name) + " is longer than " + std::to_string(kMaxVariableValueBytes) + " bytes"};
      job.variables[name] = *text;
    }
  }
  std::string error;
  if (json.contains("redo") && !parse_redo(json["redo"], job.redo, error)) return RequestError{error};
  job.max_attempts = bounded_int(json, "max_attempts", 1, 20, error).value_or(policy.default_max_attempts);
  job.timeout_s = bounded_int(json, "timeout_s", 1, policy.max_timeout_s, error).value_or(0);
  if (!error.empty()) return RequestError{error};
  job.id = new_job_id();
  job.created_at = unix_now();
  return job;
}

}  // namespace reelflow::service
