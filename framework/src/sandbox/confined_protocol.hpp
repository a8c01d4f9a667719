#pragma once
// What a confined run's parent and child say to each other. The parent writes
// one request (JSON) to the child's stdin; the child writes one event per line
// on stdout (event_to_json), then one line {"result": {...}} with its RunResult.
// A warm spare first gets a Narrowing (made by the parent alone), applies it,
// and only then reads the request, which holds the job's graph and variables.
#include "sandbox/child_process.hpp"

#include "run/run_options.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

// What a warm spare (spare.hpp) applies to itself on top of the sandbox it was
// born in, before anything of its job runs: the job's limits and environment
// (the environment holds the graph's secrets: it travels only in the request),
// the job's Landlock ruleset (handed over with the request) and, without
// network, the seccomp filter that denies AF_INET/AF_INET6 sockets.
struct Narrowing {
  bool network = false;
  std::uint64_t own_proc_rights = 0;  // granted on the child's /proc/<pid> in the job's ruleset
  std::vector<ResourceLimit> limits;
  std::vector<std::string> environment;  // the job's whole environment, NAME=value
};

struct ConfinedRequest {
  std::string graph_yaml;
  std::string graph_name;
  std::optional<std::string> graph_dir;  // a graph read from a file: ${graph_dir}
  std::map<std::string, std::string> graph_parts;  // its sub-graph files, by path relative to its directory
  std::map<std::string, std::string> variables;
  bool environment_allowed = true;  // false: ${env:...} is an error (GraphEnvironment::Forbidden)
  RunOptions run;
  std::vector<std::filesystem::path> plugin_dirs;  // searched in this order, nothing else
  std::filesystem::path plugin_index_dir;          // empty: no plugin index
  std::string log_level = "warn";                  // spdlog's level name
};

nlohmann::json request_to_json(const ConfinedRequest& request);
// Throws std::invalid_argument naming what is wrong.
ConfinedRequest request_from_json(const nlohmann::json& json);

nlohmann::json narrowing_to_json(const Narrowing& narrowing);
// Throws std::invalid_argument naming what is wrong.
Narrowing narrowing_from_json(const nlohmann::json& json);

// The result line: {"result": {...}}.
std::string result_line(const RunResult& result);
// Whether a line from the child is its result line (else it is an event).
bool is_result_line(const nlohmann::json& line);
// Throws std::invalid_argument naming what is wrong.
RunResult result_from_json(const nlohmann::json& line);

}  // namespace reelflow::framework::sandbox
