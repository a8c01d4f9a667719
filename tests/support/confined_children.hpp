#pragma once
// This test process's confined children, seen through /proc: the warm spare a
// Runtime keeps between confined runs (Confinement::warm_spare).
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::testing {

// Whether process `pid` (or group, negative) still exists; a zombie counts.
bool process_exists(pid_t pid);

// The whole content of a (proc) file; empty when it cannot be read.
std::string read_file_text(const std::filesystem::path& file);

// This process's children whose command line names `sandbox-child`.
std::vector<pid_t> sandbox_children();

// Waits (30 s at most) until this process has exactly one confined child, the
// spare, and the spare is ready: blocked reading its job (recvmsg). The parent
// finished starting it well before (the spare initialised GStreamer since).
std::optional<pid_t> wait_for_spare();

}  // namespace reelflow::testing
