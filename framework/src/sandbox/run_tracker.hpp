#pragma once
// Follows a confined child's events, so that when the child dies without a
// result the parent still knows the run's id, which stages were running (the
// ones to blame), and how the others ended.
#include "run/event.hpp"
#include "run/run_options.hpp"

#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

class RunTracker {
 public:
  void on_event(const Event& event);

  const std::string& run_id() const { return run_id_; }
  // The stages started and not yet ended, in the order they started.
  std::vector<const StageOutcome*> running() const;

  // The result of a run whose child ended without sending one: the stages as the
  // events left them (running ones failed, or cancelled, with `error`).
  RunResult ended_without_result(RunOutcome outcome, const std::string& error) const;
  // The events the child could not send: a stage_failed (stage_cancelled when the
  // run was cancelled) for each running stage, run_cancelled when the child had not
  // said it, then run_finished.
  std::vector<Event> closing_events(const RunResult& result) const;

 private:
  StageOutcome& stage(const Event& event);
  double elapsed_s() const;

  std::string run_id_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::vector<StageOutcome> stages_;
  bool saw_run_cancelled_ = false;
};

}  // namespace reelflow::framework::sandbox
