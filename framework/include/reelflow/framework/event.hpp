#pragma once
// What a run tells the outside world while it goes: one Event per change, in order.
#include <chrono>
#include <functional>
#include <string>

namespace reelflow::framework {

enum class EventKind {
  RunStarted,
  StageStarted,
  StageProgress,
  StageRetrying,
  StageOutput,  // a value a stage emitted as it found it (StageContext::emit)
  StageFinished,
  StageFailed,
  RunFinished
};

const char* event_kind_name(EventKind kind);

struct Event {
  EventKind kind = EventKind::RunStarted;
  std::string run_id;
  std::string stage_id;    // empty for run events
  std::string stage_type;
  double progress = 0.0;   // [0, 1] for StageProgress
  std::string message;     // progress text, error, or final status
  double elapsed_s = 0.0;  // since the run started
  double duration_s = 0.0; // StageFinished/StageFailed/RunFinished: how long it took
  std::string port;        // StageOutput: the output port
  std::string value_json;  // StageOutput: the value (value_to_json), as JSON text
  std::chrono::system_clock::time_point time;
};

using EventCallback = std::function<void(const Event&)>;

// One JSON object per line: {"event":"stage_progress","run":"...","stage":"tts",...}
std::string event_to_json(const Event& event);

// The inverse of event_to_json (a confined run's parent reads its child's events).
// Throws std::invalid_argument naming what is wrong when `json` is not an event.
Event event_from_json(const std::string& json);

}  // namespace reelflow::framework
