#include "sandbox/child_limits.hpp"

#include <algorithm>

namespace reelflow::framework::sandbox {
namespace {

// A CPU-bound child that ignores SIGXCPU gets SIGKILL this much later.
constexpr rlim_t kCpuKillAfterS = 5;

void add(std::vector<ResourceLimit>& limits, int resource, rlim_t soft, rlim_t hard) {
  rlimit current{};
  if (::getrlimit(static_cast<__rlimit_resource_t>(resource), &current) != 0) return;
  hard = std::min(hard, current.rlim_max);  // raising a hard limit needs a privilege the child drops
  limits.push_back({resource, rlimit{std::min(soft, hard), hard}});
}

}  // namespace

std::vector<ResourceLimit> child_limits(const Confinement& c) {
  std::vector<ResourceLimit> limits;
  add(limits, RLIMIT_CORE, 0, 0);
  if (c.max_memory_bytes > 0 && !kAddressSanitizer) add(limits, RLIMIT_AS, c.max_memory_bytes, c.max_memory_bytes);
  if (c.max_cpu_seconds > 0) add(limits, RLIMIT_CPU, c.max_cpu_seconds, c.max_cpu_seconds + kCpuKillAfterS);
  if (c.max_file_bytes > 0) add(limits, RLIMIT_FSIZE, c.max_file_bytes, c.max_file_bytes);
  if (c.max_open_files > 0) add(limits, RLIMIT_NOFILE, c.max_open_files, c.max_open_files);
  return limits;
}

ChildLimitsInEffect limits_in_effect(const std::vector<ResourceLimit>& limits) {
  ChildLimitsInEffect in_effect;
  for (const auto& l : limits) {
    if (l.resource == RLIMIT_CPU) in_effect.cpu_seconds = l.value.rlim_cur;
    if (l.resource == RLIMIT_FSIZE) in_effect.file_bytes = l.value.rlim_cur;
  }
  return in_effect;
}

}  // namespace reelflow::framework::sandbox
