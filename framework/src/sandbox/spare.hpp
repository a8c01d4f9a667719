#pragma once
// A warm spare: the child of a confined run, started before its job
// (docs/security.md, "The warm spare"). It is born confined to a sandbox made
// for every job of its shape (spare_shape.hpp), loads its libraries and
// initialises GStreamer, then blocks on its stdin, a socket, until one job is
// handed to it: how to narrow itself and the job's own Landlock ruleset, which
// it applies (narrowing.hpp) before it reads the request with the graph. It runs that one
// job and exits, like a cold child.
#include "sandbox/child_process.hpp"
#include "sandbox/child_sandbox.hpp"
#include "sandbox/confined_protocol.hpp"
#include "sandbox/spare_shape.hpp"
#include "sandbox/unique_fd.hpp"

#include <memory>

namespace reelflow::framework::sandbox {

struct Spare {
  SpareShape shape;
  std::unique_ptr<ChildProcess> process;
  UniqueFd jobs;      // the parent's end of the socket its job is handed down
  UniqueFd out, err;  // the read ends of its stdout and stderr (non-blocking)

  // Whether it has not exited (it may have been killed, or run out of memory).
  bool alive() const;
};

// Starts a spare of `shape`. It dies with the calling thread (PR_SET_PDEATHSIG),
// so call it on a thread that outlives the spare's job. Throws std::runtime_error.
std::unique_ptr<Spare> start_spare(const SpareShape& shape);

// Hands `request` and `sandbox` (the job's, as a cold child would get it) to the
// spare; returns its process, or null when the spare is gone.
std::unique_ptr<ChildProcess> hand_over(Spare& spare, const ConfinedRequest& request, const ChildSandbox& sandbox);

}  // namespace reelflow::framework::sandbox
