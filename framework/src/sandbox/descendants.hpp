#pragma once
// A confined child's own descendants (processes its stages started): adopted
// when orphaned, and killed and reaped before the child exits, so none is left
// behind as a zombie of a container's init that does not reap.
namespace reelflow::framework::sandbox {

// Orphaned descendants become this process's children (PR_SET_CHILD_SUBREAPER).
void adopt_orphaned_descendants();
// Kills every child of this process with SIGKILL and reaps them, until none is left.
void kill_and_reap_descendants();

}  // namespace reelflow::framework::sandbox
