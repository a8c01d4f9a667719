#pragma once
// The SDK's ABI version. A plugin records the version it was built against;
// the runtime loads it only when the major versions are equal and the
// plugin's minor version is not newer than the runtime's (see docs/plugin-guide.md).
#include <cstdint>

#define REELFLOW_SDK_ABI_MAJOR 2
#define REELFLOW_SDK_ABI_MINOR 1

namespace reelflow {

inline constexpr std::uint32_t kSdkAbiMajor = REELFLOW_SDK_ABI_MAJOR;
inline constexpr std::uint32_t kSdkAbiMinor = REELFLOW_SDK_ABI_MINOR;

// True when a plugin built against (major, minor) can run in this runtime.
constexpr bool abi_compatible(std::uint32_t plugin_major, std::uint32_t plugin_minor) {
  return plugin_major == kSdkAbiMajor && plugin_minor <= kSdkAbiMinor;
}

}  // namespace reelflow
