#pragma once
// What a run tells the outside world while it goes: one Event per change, in order.
// Every run ends with RunFinished.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace reelflow {

enum class EventKind {
  RunStarted,
  StageStarted,
  StageProgress,  // never lower than the stage's previous progress
  StageRetrying,
  StageOutput,  // a value a stage emitted as it found it (StageContext::emit)
  StageStats,   // a stream stage's flow, at least once a second while its segment plays
  StageFinished,
  StageFailed,
  StageCancelled,  // stopped by a cancel, a timeout, or another stage's failure
  RunCancelled,    // the run was cancelled: its stages are being stopped (RunFinished follows)
  RunFinished
};

// How a stream stage is doing (StageStats): frames (buffers) per second on its
// main port, how far behind the stream it is (media waiting in its input queues
// plus its own in→out lag), how full its input queues are (0..1), and buffers its
// leaky input queues dropped so far.
struct StreamStats {
  double fps = 0.0;
  double latency_ms = 0.0;
  double queue_fill = 0.0;
  std::uint64_t dropped = 0;
};

// "run_started", "stage_progress", "run_cancelled", ...
const char* event_kind_name(EventKind kind);

struct Event {
  EventKind kind = EventKind::RunStarted;
  std::string run_id;
  std::string stage_id;    // empty for run events
  std::string stage_type;
  double progress = 0.0;   // [0, 1] for StageProgress
  std::string message;     // progress text, error, or final status
  double elapsed_s = 0.0;  // since the run started
  double duration_s = 0.0; // StageFinished/StageFailed/StageCancelled/RunFinished: how long it took
  std::string port;        // StageOutput: the output port
  std::string value_json;  // StageOutput: the value, as JSON text
  StreamStats stats;       // StageStats
  std::chrono::system_clock::time_point time;
};

using EventCallback = std::function<void(const Event&)>;

// One JSON object per line: {"event":"stage_progress","run":"...","stage":"tts",...}
std::string event_to_json(const Event& event);

// The inverse of event_to_json (a confined run's parent reads its child's events).
// Throws std::invalid_argument naming what is wrong when `json` is not an event.
Event event_from_json(const std::string& json);

}  // namespace reelflow
