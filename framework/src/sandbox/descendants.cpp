#include "sandbox/descendants.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

namespace reelflow::framework::sandbox {
namespace {

// Signals the children of every thread (/proc/self/task/<tid>/children); false when there are none.
bool kill_children() {
  bool any = false;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
    std::ifstream children(task.path() / "children");
    for (pid_t pid; children >> pid;) {
      ::kill(pid, SIGKILL);
      any = true;
    }
  }
  return any;
}

}  // namespace

void adopt_orphaned_descendants() { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

void kill_and_reap_descendants() {
  for (;;) {
    const bool signalled = kill_children();
    const pid_t reaped = ::waitpid(-1, nullptr, signalled ? 0 : WNOHANG);
    if (reaped < 0 && errno == EINTR) continue;
    if (reaped <= 0) return;  // ECHILD: none left; 0: only children /proc did not list, still running
  }
}

}  // namespace reelflow::framework::sandbox
