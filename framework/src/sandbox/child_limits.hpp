#pragma once
// A confined child's resource limits (setrlimit), from Confinement, never above
// what the parent itself may use.
#include "sandbox/child_process.hpp"
#include "sandbox/termination.hpp"

#include <reelflow/confinement.hpp>

#include <vector>

namespace reelflow::framework::sandbox {

// Whether this is an AddressSanitizer build: its shadow memory needs terabytes
// of address space, so RLIMIT_AS is not applied.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

std::vector<ResourceLimit> child_limits(const Confinement& confinement);

// The limits whose breach the parent names in its message.
ChildLimitsInEffect limits_in_effect(const std::vector<ResourceLimit>& limits);

}  // namespace reelflow::framework::sandbox
