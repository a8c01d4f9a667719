#include "sandbox/confined_protocol.hpp"

#include "graph/value_json.hpp"

#include <stdexcept>

namespace reelflow::framework::sandbox {
namespace {

using nlohmann::json;

const char* outcome_name(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::Succeeded: return "succeeded";
    case RunOutcome::Failed: return "failed";
    case RunOutcome::Cancelled: return "cancelled";
  }
  return "failed";
}

RunOutcome outcome_from(const std::string& name) {
  for (RunOutcome o : {RunOutcome::Succeeded, RunOutcome::Failed, RunOutcome::Cancelled})
    if (name == outcome_name(o)) return o;
  throw std::invalid_argument("unknown outcome '" + name + "'");
}

StageState state_from(const std::string& name) {
  for (StageState s : {StageState::Pending, StageState::Running, StageState::Succeeded, StageState::Failed,
                       StageState::Cancelled, StageState::Skipped})
    if (name == stage_state_name(s)) return s;
  throw std::invalid_argument("unknown stage state '" + name + "'");
}

// Runs `read`, turning the JSON library's errors into std::invalid_argument.
template <class F> auto reading(const char* what, F read) {
  try {
    return read();
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("bad ") + what + ": " + e.what());
  }
}

}  // namespace

json request_to_json(const ConfinedRequest& r) {
  json plugin_dirs = json::array();
  for (const auto& d : r.plugin_dirs) plugin_dirs.push_back(d.string());
  return {
      {"graph", {{"yaml", r.graph_yaml}, {"name", r.graph_name}, {"dir", r.graph_dir ? json(*r.graph_dir) : json()},
                 {"parts", r.graph_parts}, {"variables", r.variables}, {"environment_allowed", r.environment_allowed}}},
      {"run", {{"output_dir", r.run.output_dir.string()}, {"cache_dir", r.run.cache_dir.string()},
               {"jobs", r.run.jobs}, {"keep_work", r.run.keep_work}, {"use_cache", r.run.use_cache},
               {"cache_max_bytes", r.run.cache_max_bytes},
               {"redo", {{"scenes", r.run.redo.scenes}, {"take", r.run.redo.take}}}}},
      {"plugins", {{"dirs", plugin_dirs}, {"index_dir", r.plugin_index_dir.string()}}},
      {"log_level", r.log_level},
  };
}

ConfinedRequest request_from_json(const json& j) {
  return reading("request", [&] {
    ConfinedRequest r;
    const json& graph = j.at("graph");
    r.graph_yaml = graph.at("yaml").get<std::string>();
    r.graph_name = graph.at("name").get<std::string>();
    if (graph.contains("dir") && !graph.at("dir").is_null()) r.graph_dir = graph.at("dir").get<std::string>();
    r.graph_parts = graph.at("parts").get<std::map<std::string, std::string>>();
    r.variables = graph.at("variables").get<std::map<std::string, std::string>>();
    r.environment_allowed = graph.at("environment_allowed").get<bool>();
    const json& run = j.at("run");
    r.run.output_dir = run.at("output_dir").get<std::string>();
    r.run.cache_dir = run.at("cache_dir").get<std::string>();
    r.run.jobs = run.at("jobs").get<unsigned>();
    r.run.keep_work = run.at("keep_work").get<bool>();
    r.run.use_cache = run.at("use_cache").get<bool>();
    r.run.redo.scenes = run.at("redo").at("scenes").get<std::set<int>>();
    r.run.redo.take = run.at("redo").at("take").get<int>();
    r.run.cache_max_bytes = run.at("cache_max_bytes").get<std::uintmax_t>();
    for (const auto& d : j.at("plugins").at("dirs")) r.plugin_dirs.emplace_back(d.get<std::string>());
    r.plugin_index_dir = j.at("plugins").at("index_dir").get<std::string>();
    r.log_level = j.at("log_level").get<std::string>();
    return r;
  });
}

json narrowing_to_json(const Narrowing& n) {
  json limits = json::array();
  for (const auto& l : n.limits) limits.push_back({l.resource, l.value.rlim_cur, l.value.rlim_max});
  return {{"network", n.network}, {"own_proc_rights", n.own_proc_rights}, {"limits", limits},
          {"environment", n.environment}};
}

Narrowing narrowing_from_json(const json& j) {
  return reading("narrowing", [&] {
    Narrowing n;
    n.network = j.at("network").get<bool>();
    n.own_proc_rights = j.at("own_proc_rights").get<std::uint64_t>();
    for (const auto& l : j.at("limits"))
      n.limits.push_back({l.at(0).get<int>(), rlimit{l.at(1).get<rlim_t>(), l.at(2).get<rlim_t>()}});
    n.environment = j.at("environment").get<std::vector<std::string>>();
    return n;
  });
}

std::string result_line(const RunResult& r) {
  json stages = json::array();
  for (const auto& s : r.stages)
    stages.push_back({{"id", s.id}, {"type", s.type}, {"state", stage_state_name(s.state)}, {"error", s.error},
                      {"started_s", s.started_s}, {"duration_s", s.duration_s}, {"attempts", s.attempts},
                      {"cached", s.cached}});
  json outputs = json::object();
  for (const auto& [name, value] : r.outputs) outputs[name] = value_to_json(value);
  const json result = {{"run_id", r.run_id},     {"outcome", outcome_name(r.outcome)}, {"error", r.error},
                       {"stages", stages},       {"outputs", outputs},                {"duration_s", r.duration_s}};
  return json{{"result", result}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool is_result_line(const json& line) { return line.is_object() && line.contains("result"); }

RunResult result_from_json(const json& line) {
  return reading("result", [&] {
    const json& j = line.at("result");
    RunResult r;
    r.run_id = j.at("run_id").get<std::string>();
    r.outcome = outcome_from(j.at("outcome").get<std::string>());
    r.error = j.at("error").get<std::string>();
    r.duration_s = j.at("duration_s").get<double>();
    for (const auto& s : j.at("stages")) {
      StageOutcome o;
      o.id = s.at("id").get<std::string>();
      o.type = s.at("type").get<std::string>();
      o.state = state_from(s.at("state").get<std::string>());
      o.error = s.at("error").get<std::string>();
      o.started_s = s.at("started_s").get<double>();
      o.duration_s = s.at("duration_s").get<double>();
      o.attempts = s.at("attempts").get<int>();
      o.cached = s.at("cached").get<bool>();
      r.stages.push_back(std::move(o));
    }
    for (const auto& [name, value] : j.at("outputs").items()) r.outputs.emplace(name, value_from_json(value));
    return r;
  });
}

}  // namespace reelflow::framework::sandbox
