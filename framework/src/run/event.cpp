#include <reelflow/events.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace reelflow {
namespace {

constexpr EventKind kAllKinds[] = {EventKind::RunStarted,     EventKind::StageStarted,  EventKind::StageProgress,
                                   EventKind::StageRetrying,  EventKind::StageOutput,   EventKind::StageStats,
                                   EventKind::StageFinished,  EventKind::StageFailed,   EventKind::StageCancelled,
                                   EventKind::RunCancelled,   EventKind::RunFinished};

EventKind kind_from_name(const std::string& name) {
  for (EventKind kind : kAllKinds)
    if (name == event_kind_name(kind)) return kind;
  throw std::invalid_argument("unknown event '" + name + "'");
}

}  // namespace

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::RunStarted: return "run_started";
    case EventKind::StageStarted: return "stage_started";
    case EventKind::StageProgress: return "stage_progress";
    case EventKind::StageRetrying: return "stage_retrying";
    case EventKind::StageOutput: return "stage_output";
    case EventKind::StageStats: return "stage_stats";
    case EventKind::StageFinished: return "stage_finished";
    case EventKind::StageFailed: return "stage_failed";
    case EventKind::StageCancelled: return "stage_cancelled";
    case EventKind::RunCancelled: return "run_cancelled";
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
  if (event.kind == EventKind::StageOutput) {
    j["port"] = event.port;
    j["value"] = nlohmann::json::parse(event.value_json, nullptr, false);
  }
  if (event.kind == EventKind::StageStats) {
    j["fps"] = event.stats.fps;
    j["latency_ms"] = event.stats.latency_ms;
    j["queue_fill"] = event.stats.queue_fill;
    j["dropped"] = event.stats.dropped;
  }
  if (event.kind == EventKind::StageFinished || event.kind == EventKind::StageFailed ||
      event.kind == EventKind::StageCancelled || event.kind == EventKind::RunFinished)
    j["duration_s"] = event.duration_s;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Event event_from_json(const std::string& text) {
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    Event e;
    e.kind = kind_from_name(j.at("event").get<std::string>());
    e.run_id = j.at("run").get<std::string>();
    const std::chrono::duration<double> since_epoch(j.at("time").get<double>());
    e.time = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(since_epoch));
    e.elapsed_s = j.at("elapsed_s").get<double>();
    e.stage_id = j.value("stage", "");
    e.stage_type = j.value("type", "");
    e.progress = j.value("progress", 0.0);
    e.message = j.value("message", "");
    e.duration_s = j.value("duration_s", 0.0);
    e.port = j.value("port", "");
    if (j.contains("value")) e.value_json = j.at("value").dump();
    e.stats.fps = j.value("fps", 0.0);
    e.stats.latency_ms = j.value("latency_ms", 0.0);
    e.stats.queue_fill = j.value("queue_fill", 0.0);
    e.stats.dropped = j.value("dropped", std::uint64_t{0});
    return e;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("not an event: ") + e.what());
  }
}

}  // namespace reelflow
