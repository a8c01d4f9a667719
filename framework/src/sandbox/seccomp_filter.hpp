#pragma once
// The seccomp-BPF filter of every confined child. socket(AF_UNIX) fails with
// EACCES: Landlock does not govern connecting to a named unix socket, and a
// worker running as root must not hand a job /run/docker.sock or D-Bus
// (socketpair() still works). Without network, socket(AF_INET/AF_INET6) fails
// with EACCES as well (Landlock covers TCP only, not UDP). io_uring (which can
// make sockets without socket()) and system calls of a foreign ABI (32-bit,
// x32) fail with ENOSYS. Everything else is allowed.
#include <linux/filter.h>

#include <vector>

namespace reelflow::framework::sandbox {

class SeccompFilter {
 public:
  explicit SeccompFilter(bool allow_inet);
  SeccompFilter(const SeccompFilter&) = delete;
  SeccompFilter& operator=(const SeccompFilter&) = delete;

  const sock_fprog* program() const { return &program_; }

 private:
  std::vector<sock_filter> code_;
  sock_fprog program_{};
};

// Between fork() and exec() (no_new_privs must be set): returns 0 or an errno value.
int seccomp_install_in_child(const sock_fprog* program);

}  // namespace reelflow::framework::sandbox
