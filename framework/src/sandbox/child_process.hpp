#pragma once
// A confined child process: fork(), a fixed list of async-signal-safe steps,
// exec(). Everything the steps use (argv, envp, descriptors, the Landlock
// ruleset, the seccomp program) is prepared by the caller before the fork.
// The child leads its own process group, so the whole tree it starts can be
// signalled and killed at once; it dies with the thread that started it.
// Destroying a ChildProcess kills that group and reaps the child.
#include "sandbox/unique_fd.hpp"

#include <linux/filter.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

struct ResourceLimit {
  int resource = 0;  // RLIMIT_*
  rlimit value{};
};

struct ChildSpec {
  std::string program;
  std::vector<std::string> argv;
  std::vector<std::string> environment;  // the child's whole environment, NAME=value
  int stdin_fd = -1;   // become the child's 0, 1 and 2
  int stdout_fd = -1;
  int stderr_fd = -1;
  std::vector<ResourceLimit> limits;
  int landlock_ruleset_fd = -1;        // -1: no Landlock
  std::uint64_t own_proc_rights = 0;   // granted on the child's /proc/<pid>
  std::vector<int> keep_fds;           // stay open in the child across exec
  const sock_fprog* seccomp = nullptr; // null: no filter
};

class ChildProcess {
 public:
  // Throws std::runtime_error "cannot start <program>: <step>: <reason>" when a
  // step in the child or the exec fails.
  explicit ChildProcess(const ChildSpec& spec);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Readable (poll) once the child has exited.
  int exit_fd() const { return pidfd_.get(); }
  // Signals the child's whole process group.
  void signal_group(int signal) const;
  // Waits for the child, kills what is left of its group, reaps it; returns the
  // wait status. Later calls return the same.
  int wait();

 private:
  pid_t pid_ = -1;
  UniqueFd pidfd_;
  std::optional<int> status_;
};

}  // namespace reelflow::framework::sandbox
