#pragma once
// The spare's side of a warm start (spare.hpp): it narrows its own sandbox to
// its job's before anything of the job runs. Landlock layers and seccomp
// filters stack (what is allowed is what every layer allows), and limits can
// only be lowered without the capability the child dropped at birth, so the
// job gets exactly what a cold child of the same job gets.
#include "sandbox/confined_protocol.hpp"
#include "sandbox/unique_fd.hpp"

#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

// Lowers the limits, adds the job's Landlock layer (with this process's own
// /proc/<pid>) and, without network, the seccomp filter that denies
// AF_INET/AF_INET6, and replaces the environment with the job's. Landlock and
// seccomp bind the calling thread and the threads and processes it starts
// later, so this refuses to run while another thread exists. Descriptors that
// must stay open for the rules (this process's /proc dir) are added to `kept`.
// Returns an empty string, or what failed.
std::string narrow_to_job(const Narrowing& narrowing, int ruleset_fd, std::vector<UniqueFd>& kept);

}  // namespace reelflow::framework::sandbox
