#include "sandbox/child_sandbox.hpp"

#include <reelflow/confinement.hpp>

namespace reelflow::framework::sandbox {

ChildSandbox::ChildSandbox(ChildSandboxInputs inputs)
    : inputs_(std::move(inputs)), rules_(landlock_abi_version(), inputs_.network), filter_(inputs_.network) {
  for (const auto& rule : child_path_rules(inputs_.access)) rules_.allow(rule);
  for (const auto& rule : procfs_rules())
    if (UniqueFd fd = rules_.allow_and_keep(rule)) procfs_.push_back(std::move(fd));
}

void ChildSandbox::apply_to(ChildSpec& child) const {
  child.environment = inputs_.environment;
  child.limits = inputs_.limits;
  child.landlock_ruleset_fd = rules_.fd();
  child.own_proc_rights = rules_.rights(PathAccess::Read, true);
  for (const auto& fd : procfs_) child.keep_fds.push_back(fd.get());
  child.seccomp = filter_.program();
}

Narrowing ChildSandbox::narrowing() const {
  return Narrowing{inputs_.network, rules_.rights(PathAccess::Read, true), inputs_.limits, inputs_.environment};
}

std::vector<int> ChildSandbox::kept_fds() const {
  std::vector<int> fds;
  for (const auto& fd : procfs_) fds.push_back(fd.get());
  return fds;
}

}  // namespace reelflow::framework::sandbox
