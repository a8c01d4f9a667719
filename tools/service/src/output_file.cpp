#include "output_file.hpp"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <regex>
#include <vector>

namespace reelflow::service {
namespace {

constexpr std::size_t kMaxName = 1024;
constexpr std::size_t kMaxComponent = 255;

// The components of a relative name, or nothing when one is empty, ".", "..", too
// long or holds a control character.
std::optional<std::vector<std::string>> components(const std::string& name) {
  if (name.empty() || name.size() > kMaxName) return std::nullopt;
  std::vector<std::string> parts;
  for (std::size_t pos = 0; pos <= name.size();) {
    auto end = name.find('/', pos);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(pos, end - pos);
    if (part.empty() || part == "." || part == ".." || part.size() > kMaxComponent) return std::nullopt;
    if (std::any_of(part.begin(), part.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) return std::nullopt;
    parts.push_back(std::move(part));
    pos = end + 1;
  }
  return parts;
}

// One step down from `dir`, never through a symlink.
UniqueFd open_below(int dir, const std::string& name, bool directory) {
  const int flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | (directory ? O_DIRECTORY : O_NONBLOCK);
  return UniqueFd(::openat(dir, name.c_str(), flags));
}

}  // namespace

bool is_attempt_dir(const std::string& name) {
  static const std::regex kAttempt("[0-9]{1,9}-[0-9a-f]{8}");
  return std::regex_match(name, kAttempt);
}

std::optional<OutputFile> open_output(const std::filesystem::path& data_dir, const Job& job, const std::string& id,
                                      const std::string& name) {
  if (job.id != id || std::find(job.outputs.begin(), job.outputs.end(), name) == job.outputs.end()) return std::nullopt;
  // The job's record names its attempt dir; only the last part is taken from it, and
  // only when the whole is this job's: jobs/<id>/<attempt>.
  const std::string prefix = "jobs/" + id + "/";
  const std::string attempt = job.output_dir.substr(0, prefix.size()) == prefix ? job.output_dir.substr(prefix.size()) : "";
  if (!is_attempt_dir(attempt)) {
    spdlog::warn("job {}: its record names output dir '{}', not one of its attempt dirs: not served", id,
                 job.output_dir.substr(0, 200));
    return std::nullopt;
  }
  auto parts = components(name);
  if (!parts) return std::nullopt;
  // The data dir itself is the operator's choice and may be a link; nothing below it may.
  UniqueFd dir(::open(data_dir.c_str(), O_RDONLY | O_CLOEXEC | O_DIRECTORY));
  std::vector<std::string> walk{"jobs", id, attempt};
  walk.insert(walk.end(), parts->begin(), parts->end() - 1);
  for (const auto& step : walk) {
    if (!dir) return std::nullopt;
    dir = open_below(dir.get(), step, true);
  }
  if (!dir) return std::nullopt;
  OutputFile file{open_below(dir.get(), parts->back(), false), 0};
  struct stat st {};
  if (!file.fd || ::fstat(file.fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  file.size = static_cast<std::uint64_t>(st.st_size);
  return file;
}

}  // namespace reelflow::service
