#pragma once
// Runs one stage instance: builds its context (inputs, dirs, HTTP, logging,
// progress, cancellation, timeout), calls process() with retries, and checks
// that it produced every declared output with the declared type.
#include "graph/value_schema.hpp"
#include "run/event.hpp"

#include <reelflow/bus_message.hpp>

#include <reelflow/http.hpp>
#include <reelflow/param.hpp>
#include <reelflow/scene_redo.hpp>
#include <reelflow/stage_spec.hpp>
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace reelflow::framework {

struct StageType;

struct StageJob {
  std::string id;
  const StageType* type = nullptr;
  const ParamSet* params = nullptr;
  std::vector<std::string> secrets;
  std::map<std::string, const Value*> inputs;
  std::set<std::string> connected_streams;  // stream stages: the stream ports linked in this run
  std::filesystem::path work_dir;
  std::filesystem::path output_dir;
  std::filesystem::path cache_dir;
  int attempts = 1;
  double retry_backoff_s = 1.0;
  std::optional<double> timeout_s;
  RetryPolicy http_retry;
  BusMessageCallback bus_messages;  // the host's (RunOptions::bus_messages); may be empty
  const std::map<std::string, std::shared_ptr<const ValueSchema>>* output_schemas = nullptr;  // the plan's
  SceneRedo redo;  // the run's, for a stage that redoes scenes; else empty
  std::map<std::string, Value> previous_outputs;  // its cache entry without the redo, if any
};

struct StageJobResult {
  Status status = Status::ok();
  std::map<std::string, Value> outputs;
  int attempts = 0;
};

// Every required value output must be set, every output set with the declared type,
// and a value of a type with a JSON schema must match it (`schemas`: by output port).
using OutputSchemas = std::map<std::string, std::shared_ptr<const ValueSchema>>;
Status check_value_outputs(const StageSpec& spec, const std::map<std::string, Value>& outputs,
                           const OutputSchemas* schemas = nullptr);

// `stop` is the run-wide stop flag (cancel or another stage's failure).
// `report` receives StageProgress and StageRetrying events (kind, fraction, message);
// `emitted` each value the stage emits (StageContext::emit) with its port.
using EmitCallback = std::function<void(const std::string& port, const Value& value)>;
StageJobResult run_stage_job(const StageJob& job, const std::atomic<bool>& stop,
                             const std::function<void(EventKind, double, const std::string&)>& report,
                             const EmitCallback& emitted = {});

}  // namespace reelflow::framework
