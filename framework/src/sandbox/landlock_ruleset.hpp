#pragma once
// A Landlock ruleset built in the parent before fork(): which paths the child
// may read, execute or write, whether it may use TCP, and (ABI >= 6) that it
// may not signal or reach abstract unix sockets outside its own domain. The
// child adds its own /proc/<pid> and restricts itself with the two
// async-signal-safe functions at the end.
#include "sandbox/unique_fd.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace reelflow::framework::sandbox {

enum class PathAccess {
  Read,         // read files, list directories
  ReadExecute,  // and execute programs
  ReadWrite,    // create, write, rename, remove; not execute
  Device,       // read and write one device file (/dev/null)
};

struct PathRule {
  std::filesystem::path path;
  PathAccess access;
};

class LandlockRuleset {
 public:
  // Throws std::runtime_error when the kernel has no Landlock. TCP bind is
  // always denied (ABI >= 4); TCP connect too unless `allow_tcp_connect`.
  LandlockRuleset(int abi, bool allow_tcp_connect);

  // Allows `access` beneath the directory or to the file; a path that does not
  // exist is skipped. Throws std::runtime_error naming the path otherwise.
  void allow(const PathRule& rule);
  // The same, keeping the path open (O_PATH): the child keeps such a descriptor
  // across exec where the kernel would otherwise make a new inode for the path
  // (procfs), which the rule would not cover. Invalid when the path is missing.
  UniqueFd allow_and_keep(const PathRule& rule);

  int fd() const { return fd_.get(); }
  int abi() const { return abi_; }
  // The rights `access` stands for under this ruleset.
  std::uint64_t rights(PathAccess access, bool directory) const;

 private:
  UniqueFd fd_;
  int abi_ = 0;
  std::uint64_t handled_fs_ = 0;
};

// Between fork() and exec(): allows `rights` beneath `dir_fd`, then puts the
// calling process under the ruleset. Return 0 or an errno value.
int landlock_allow_in_child(int ruleset_fd, int dir_fd, std::uint64_t rights);
int landlock_restrict_in_child(int ruleset_fd);

}  // namespace reelflow::framework::sandbox
