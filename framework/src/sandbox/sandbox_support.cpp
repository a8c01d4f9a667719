// Whether this kernel can confine a run: Landlock is the one thing it must have.
#include "sandbox/landlock_api.hpp"

#include <reelflow/confinement.hpp>

namespace reelflow {

int landlock_abi_version() { return framework::sandbox::landlock::abi_version(); }

std::optional<std::string> confinement_unavailable_reason() {
  if (landlock_abi_version() >= 1) return std::nullopt;
  return std::string("the kernel has no Landlock (Linux >= 5.13 with landlock in the LSM list)");
}

}  // namespace reelflow
