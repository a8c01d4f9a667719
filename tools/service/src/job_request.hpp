#pragma once
// A job submission (POST /api/v1/jobs) checked field by field before anything is
// stored: the body's shape here, the graph itself by the runtime's validator.
#include "graph_catalog.hpp"
#include "job.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <variant>

namespace reelflow::service {

// Bounds on a job's variables (docs/service.md): a job's record and every listing that
// shows it stay small, whatever --max-body allows.
inline constexpr std::size_t kMaxVariables = 64;
inline constexpr std::size_t kMaxVariableNameBytes = 128;
inline constexpr std::size_t kMaxVariableValueBytes = 64 * 1024;
inline constexpr std::size_t kMaxRedoScenes = 64;  // scene numbers in one job's `redo`

struct JobRequestPolicy {
  bool allow_upload = false;        // accept {"graph_yaml": "..."}
  int default_max_attempts = 3;
  int max_timeout_s = 24 * 3600;
};

struct RequestError {
  std::string message;
};

// A Job ready for validation and submission (id and times set), or what is wrong.
std::variant<Job, RequestError> parse_job_request(const std::string& body, const GraphCatalog& catalog,
                                                  const JobRequestPolicy& policy);

}  // namespace reelflow::service
