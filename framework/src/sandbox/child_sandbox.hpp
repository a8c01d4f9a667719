#pragma once
// The sandbox of one confined child, made in the parent: the Landlock ruleset
// (with the procfs files the child must keep open), the seccomp filter, the
// resource limits and the environment. A cold child gets all of it between
// fork() and exec(); a warm spare (spare.hpp) is born under one made for every
// job it may take, and narrows itself to its job's.
#include "sandbox/child_access.hpp"
#include "sandbox/child_process.hpp"
#include "sandbox/confined_protocol.hpp"
#include "sandbox/landlock_ruleset.hpp"
#include "sandbox/seccomp_filter.hpp"

#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

struct ChildSandboxInputs {
  ChildAccessInputs access;
  bool network = false;               // outbound TCP and UDP
  std::vector<ResourceLimit> limits;  // child_limits()
  std::vector<std::string> environment;  // child_environment()
};

class ChildSandbox {
 public:
  // Throws std::runtime_error when the kernel has no Landlock or a path cannot be allowed.
  explicit ChildSandbox(ChildSandboxInputs inputs);
  ChildSandbox(const ChildSandbox&) = delete;
  ChildSandbox& operator=(const ChildSandbox&) = delete;

  // Sets the sandbox fields of `child` (limits, environment, Landlock, seccomp,
  // the descriptors kept across exec); `child` must not outlive this.
  void apply_to(ChildSpec& child) const;

  // What a warm spare applies to itself to be in this sandbox, and the
  // descriptors it gets with it: the ruleset, then the procfs files.
  Narrowing narrowing() const;
  int ruleset_fd() const { return rules_.fd(); }
  std::vector<int> kept_fds() const;

 private:
  ChildSandboxInputs inputs_;
  LandlockRuleset rules_;
  std::vector<UniqueFd> procfs_;
  SeccompFilter filter_;
};

}  // namespace reelflow::framework::sandbox
