#include "sandbox/run_tracker.hpp"

#include "run/scheduler.hpp"

namespace reelflow::framework::sandbox {

StageOutcome& RunTracker::stage(const Event& e) {
  for (auto& s : stages_)
    if (s.id == e.stage_id) return s;
  StageOutcome& s = stages_.emplace_back();
  s.id = e.stage_id;
  s.type = e.stage_type;
  return s;
}

void RunTracker::on_event(const Event& e) {
  if (run_id_.empty()) run_id_ = e.run_id;
  if (e.kind == EventKind::RunCancelled) saw_run_cancelled_ = true;
  if (e.stage_id.empty()) return;
  StageOutcome& s = stage(e);
  switch (e.kind) {
    case EventKind::StageStarted:
      s.state = StageState::Running;
      s.started_s = e.elapsed_s;
      s.attempts = 1;
      break;
    case EventKind::StageRetrying: ++s.attempts; break;
    case EventKind::StageFinished:
      s.state = StageState::Succeeded;
      s.duration_s = e.duration_s;
      s.cached = e.message == "cached";
      break;
    case EventKind::StageFailed:
    case EventKind::StageCancelled:
      s.state = e.kind == EventKind::StageFailed ? StageState::Failed : StageState::Cancelled;
      s.duration_s = e.duration_s;
      s.error = e.message;
      break;
    default: break;
  }
}

std::vector<const StageOutcome*> RunTracker::running() const {
  std::vector<const StageOutcome*> out;
  for (const auto& s : stages_)
    if (s.state == StageState::Running) out.push_back(&s);
  return out;
}

double RunTracker::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

RunResult RunTracker::ended_without_result(RunOutcome outcome, const std::string& error) const {
  RunResult r;
  r.run_id = run_id_.empty() ? make_run_id() : run_id_;
  r.outcome = outcome;
  r.error = error;
  r.duration_s = elapsed_s();
  r.stages = stages_;
  for (auto& s : r.stages)
    if (s.state == StageState::Running) {
      s.state = outcome == RunOutcome::Cancelled ? StageState::Cancelled : StageState::Failed;
      s.error = error;
      s.duration_s = r.duration_s - s.started_s;
    }
  return r;
}

std::vector<Event> RunTracker::closing_events(const RunResult& result) const {
  std::vector<Event> events;
  auto event = [&](EventKind kind) {
    Event& e = events.emplace_back();
    e.kind = kind;
    e.run_id = result.run_id;
    e.elapsed_s = result.duration_s;
    e.time = std::chrono::system_clock::now();
    e.message = result.outcome == RunOutcome::Cancelled && result.error.empty() ? "cancelled" : result.error;
    return &e;
  };
  const bool cancelled = result.outcome == RunOutcome::Cancelled;
  if (cancelled && !saw_run_cancelled_) event(EventKind::RunCancelled);
  for (const StageOutcome* s : running()) {
    Event* e = event(cancelled ? EventKind::StageCancelled : EventKind::StageFailed);
    e->stage_id = s->id;
    e->stage_type = s->type;
    e->duration_s = result.duration_s - s->started_s;
  }
  event(EventKind::RunFinished)->duration_s = result.duration_s;
  return events;
}

}  // namespace reelflow::framework::sandbox
