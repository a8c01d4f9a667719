#pragma once
// A job: one run of a graph submitted to the service, as stored in Redis.
#include <reelflow/runtime.hpp>
#include <reelflow/scene_redo.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::service {

enum class JobState { Queued, Running, Succeeded, Failed, Cancelled };

const char* job_state_name(JobState state);
std::optional<JobState> parse_job_state(const std::string& name);
inline bool is_final(JobState s) { return s == JobState::Succeeded || s == JobState::Failed || s == JobState::Cancelled; }

struct Job {
  std::string id;
  std::string graph;       // the allowed graph's name, or "upload"
  std::string graph_yaml;  // the graph as submitted: workers run this text
  // An allowed graph's directory (its ${graph_dir}: files shipped beside it); empty
  // for an upload, which has none.
  std::string graph_dir;
  // An allowed graph's sub-graph files (`type: graph`), by path relative to it; never from a request.
  std::map<std::string, std::string> graph_parts;
  std::map<std::string, std::string> variables;
  // Scenes to make again (the CLI's --redo): resubmit a finished job's graph and
  // variables with these; the worker's stage cache gives the rest back.
  SceneRedo redo;
  JobState state = JobState::Queued;
  int attempts = 0;
  int max_attempts = 3;
  int timeout_s = 0;  // 0: the worker's default
  bool cancel_requested = false;
  std::string worker;      // the consumer running or last running it
  std::string error;
  std::string output_dir;  // relative to the data dir, once succeeded
  std::vector<std::string> outputs;  // files under output_dir, relative
  double created_at = 0, started_at = 0, finished_at = 0;  // Unix seconds

  // An uploaded graph (not from the allow-list): it may not read the environment.
  bool is_upload() const { return graph == kUploadedGraph; }
  static constexpr const char* kUploadedGraph = "upload";

  // From HGETALL's field/value pairs; nullopt when the hash is empty.
  static std::optional<Job> from_fields(const std::map<std::string, std::string>& fields);
  // The API's view: no graph text unless asked.
  nlohmann::json to_json(bool with_graph = false) const;
};

inline GraphEnvironment graph_environment(const Job& job) {
  return job.is_upload() ? GraphEnvironment::Forbidden : GraphEnvironment::Process;
}

// What ${graph_dir} is for the job's graph: never anything for an upload.
inline std::optional<std::string> graph_dir_of(const Job& job) {
  if (job.is_upload() || job.graph_dir.empty()) return std::nullopt;
  return job.graph_dir;
}

// {"scenes": [2, 5], "take": 1}, as a job's record and the API show it.
nlohmann::json redo_json(const SceneRedo& redo);

double unix_now();
std::string new_job_id();

}  // namespace reelflow::service
