#include <reelflow/framework/event.hpp>

#include <nlohmann/json.hpp>

namespace reelflow::framework {

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::RunStarted: return "run_started";
    case EventKind::StageStarted: return "stage_started";
    case EventKind::StageProgress: return "stage_progress";
    case EventKind::StageRetrying: return "stage_retrying";
    case EventKind::StageFinished: return "stage_finished";
    case EventKind::StageFailed: return "stage_failed";
    case EventKind::RunFinished: return "run_finished";
  }
  return "unknown";
}

std::string event_to_json(const Event& event) {
  nlohmann::json j;
  j["event"] = event_kind_name(event.kind);
  j["run"] = event.run_id;
  j["time"] = std::chrono::duration<double>(event.time.time_since_epoch()).count();
  j["elapsed_s"] = event.elapsed_s;
  if (!event.stage_id.empty()) {
    j["stage"] = event.stage_id;
    j["type"] = event.stage_type;
  }
  if (event.kind == EventKind::StageProgress) j["progress"] = event.progress;
  if (!event.message.empty()) j["message"] = event.message;
  if (event.kind == EventKind::StageFinished || event.kind == EventKind::StageFailed ||
      event.kind == EventKind::RunFinished)
    j["duration_s"] = event.duration_s;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace reelflow::framework
