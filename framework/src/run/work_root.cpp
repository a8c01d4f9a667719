#include "run/work_root.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <set>
#include <string_view>

namespace reelflow::framework {
namespace {

namespace fs = std::filesystem;

const char* const kWorkDirName = ".reelflow-work";

// The process id a lock file holds, when it holds one.
std::optional<std::string> pid_in(int fd) {
  char buffer[32] = {};
  const ssize_t got = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (got <= 0) return std::nullopt;
  std::string pid(buffer, static_cast<std::size_t>(got));
  for (char c : pid)
    if (c < '0' || c > '9') return std::nullopt;
  return pid;
}

// AtomicFile names its temps ".<stem>.tmp-<pid>-<n><ext>" (reelflow/atomic_file.hpp).
bool is_atomic_temp_of(const std::string& name, const std::string& pid) {
  if (name.empty() || name[0] != '.') return false;
  const std::string marker = ".tmp-" + pid + "-";
  const auto at = name.find(marker);
  if (at == std::string::npos || at == 0) return false;
  const auto digit = at + marker.size();
  return digit < name.size() && name[digit] >= '0' && name[digit] <= '9';
}

void remove_atomic_temps(const fs::path& output_dir, const std::set<std::string>& pids) {
  std::error_code ec;
  fs::recursive_directory_iterator it(output_dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it.depth() == 0 && it->path().filename() == kWorkDirName) {
      it.disable_recursion_pending();
      continue;
    }
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    const std::string name = it->path().filename().string();
    for (const auto& pid : pids)
      if (is_atomic_temp_of(name, pid)) {
        std::error_code ignored;
        fs::remove(it->path(), ignored);
        break;
      }
  }
}

}  // namespace

WorkRoot::WorkRoot(const fs::path& output_dir, const std::string& run_id)
    : path_(output_dir / kWorkDirName / run_id), lock_path_(output_dir / kWorkDirName / (run_id + ".lock")) {
  // A run that finishes at the same moment may remove an empty .reelflow-work; try again then.
  for (int attempt = 0; attempt < 3 && lock_fd_ < 0; ++attempt) {
    std::error_code ec;
    fs::create_directories(lock_path_.parent_path(), ec);
    lock_fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  }
  if (lock_fd_ < 0) return;  // the run goes on; only the clean-up after a crash is lost
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    return;
  }
  const std::string pid = std::to_string(::getpid());
  if (::pwrite(lock_fd_, pid.data(), pid.size(), 0) < 0) {
    // Without its pid the lock still marks the run alive; only temp clean-up needs it.
  }
}

WorkRoot::~WorkRoot() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void WorkRoot::finish(bool keep) {
  std::error_code ec;
  if (!keep) fs::remove_all(path_, ec);
  if (lock_fd_ >= 0) {
    fs::remove(lock_path_, ec);
    ::close(lock_fd_);
    lock_fd_ = -1;
  }
  if (fs::is_empty(path_.parent_path(), ec)) fs::remove(path_.parent_path(), ec);
}

void WorkRoot::remove_abandoned(const fs::path& output_dir) {
  const fs::path work = output_dir / kWorkDirName;
  std::error_code ec;
  if (!fs::is_directory(work, ec)) return;
  std::set<std::string> dead_pids, live_pids;
  for (const auto& entry : fs::directory_iterator(work, ec)) {
    const fs::path lock = entry.path();
    if (lock.extension() != ".lock") continue;
    const int fd = ::open(lock.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (auto pid = pid_in(fd)) live_pids.insert(*pid);
    } else {
      std::error_code ignored;
      fs::remove_all(work / lock.stem(), ignored);
      fs::remove(lock, ignored);
      if (auto pid = pid_in(fd)) dead_pids.insert(*pid);
    }
    ::close(fd);
  }
  // A pid can be reused: never touch the temps of a pid that a live run has now.
  for (const auto& pid : live_pids) dead_pids.erase(pid);
  dead_pids.erase(std::to_string(::getpid()));
  if (!dead_pids.empty()) remove_atomic_temps(output_dir, dead_pids);
  if (fs::is_empty(work, ec)) fs::remove(work, ec);
}

}  // namespace reelflow::framework
