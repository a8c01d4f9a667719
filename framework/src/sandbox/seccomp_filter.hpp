#pragma once
// A seccomp-BPF filter for a child that may not use the network: socket() of
// AF_INET or AF_INET6 fails with EACCES (Landlock covers TCP only, not UDP),
// io_uring (which can make sockets without socket()) is unavailable, and
// system calls of a foreign ABI (32-bit, x32) fail. Everything else is allowed.
#include <linux/filter.h>

#include <vector>

namespace reelflow::framework::sandbox {

class SeccompFilter {
 public:
  SeccompFilter();
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
