#include "sandbox/narrowing.hpp"

#include "sandbox/landlock_ruleset.hpp"
#include "sandbox/seccomp_filter.hpp"

#include <fcntl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iterator>

namespace reelflow::framework::sandbox {
namespace {

std::string failed(const std::string& step, int error) { return step + ": " + std::strerror(error); }

std::size_t thread_count() {
  std::error_code ec;
  const std::filesystem::directory_iterator tasks("/proc/self/task", ec);
  return ec ? 0 : static_cast<std::size_t>(std::distance(tasks, std::filesystem::directory_iterator()));
}

}  // namespace

std::string narrow_to_job(const Narrowing& n, int ruleset_fd, std::vector<UniqueFd>& kept) {
  if (const std::size_t threads = thread_count(); threads != 1)
    return "the spare runs " + std::to_string(threads) + " threads; a sandbox narrows one thread only";
  for (const auto& limit : n.limits)
    if (::setrlimit(static_cast<__rlimit_resource_t>(limit.resource), &limit.value) != 0) return failed("setrlimit", errno);

  UniqueFd own_proc(::open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!own_proc) return failed("open /proc/self", errno);
  if (int err = landlock_allow_in_child(ruleset_fd, own_proc.get(), n.own_proc_rights); err != 0)
    return failed("Landlock", err);
  if (int err = landlock_restrict_in_child(ruleset_fd); err != 0) return failed("Landlock", err);
  kept.push_back(std::move(own_proc));
  if (!n.network) {
    const SeccompFilter no_network(false);
    if (int err = seccomp_install_in_child(no_network.program()); err != 0) return failed("seccomp", err);
  }

  if (::clearenv() != 0) return "clearenv failed";
  for (const auto& entry : n.environment) {
    const auto eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) return "a malformed environment entry";
    if (::setenv(entry.substr(0, eq).c_str(), entry.c_str() + eq + 1, 1) != 0) return failed("setenv", errno);
  }
  return {};
}

}  // namespace reelflow::framework::sandbox
