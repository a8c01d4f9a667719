#pragma once
// The parent side of a confined run: prepares the child's sandbox (Landlock
// ruleset, seccomp filter, limits, environment, scratch HOME and TMPDIR),
// starts it, feeds its events to the callback, cancels it on request
// (SIGTERM, then SIGKILL after the grace period), and makes the RunResult,
// also when the child crashed or was killed.
#include "sandbox/confined_protocol.hpp"
#include "sandbox/graph_needs.hpp"

#include <reelflow/confinement.hpp>
#include <reelflow/framework/event.hpp>

#include <atomic>

namespace reelflow::framework::sandbox {

struct ConfinedRunSpec {
  ConfinedRequest request;
  GraphNeeds needs;
  Confinement confinement;
};

// Blocks until the child has ended and is reaped; call it on the run's own
// thread (the child dies with the thread that started it).
RunResult run_confined(ConfinedRunSpec spec, const std::atomic<bool>& cancel, const EventCallback& events);

}  // namespace reelflow::framework::sandbox
