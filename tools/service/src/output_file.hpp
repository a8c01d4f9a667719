#pragma once
// Opens a job's output file for download without trusting the data dir's contents
// or what Redis says about the job: the path is rebuilt from the job id and an
// attempt dir of the worker's own pattern, the name must be one the job listed and a
// plain relative path, every component is opened with O_NOFOLLOW (no symlink is
// followed below the data dir), and only a regular file is served, from its fd.
#include "job.hpp"
#include "unique_fd.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace reelflow::service {

struct OutputFile {
  UniqueFd fd;
  std::uint64_t size = 0;
};

// `id` is the job id of the request's path; nullopt for anything that is not a
// regular file of that job's recorded attempt (the reason is logged, not answered).
std::optional<OutputFile> open_output(const std::filesystem::path& data_dir, const Job& job, const std::string& id,
                                      const std::string& name);

// "<attempt>-<8 hex digits of the lease>", the dir a worker makes for one attempt.
bool is_attempt_dir(const std::string& name);

}  // namespace reelflow::service
