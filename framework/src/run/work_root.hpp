#pragma once
// A run's scratch directory, <output_dir>/.reelflow-work/<run-id>/, and the lock
// that says the run is alive: <run-id>.lock beside it, held with flock() for the
// whole run and holding the process id.
//
// A run killed with SIGKILL cannot remove its work dir or the AtomicFile temps
// of the stages it was running, but the kernel drops its lock. The next run in
// the same output dir therefore knows which leftovers are abandoned and removes
// them; dirs of runs still going (locked), of --keep-work runs (no lock) and
// anything else are left alone.
#include <filesystem>
#include <string>

namespace reelflow::framework {

class WorkRoot {
 public:
  // Takes the lock; the directory itself is made by the stages as they start.
  WorkRoot(const std::filesystem::path& output_dir, const std::string& run_id);
  ~WorkRoot();
  WorkRoot(const WorkRoot&) = delete;
  WorkRoot& operator=(const WorkRoot&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Removes the directory (unless `keep`) and the lock, and .reelflow-work when empty.
  void finish(bool keep);

  // Removes the work dirs, locks and AtomicFile temps of runs in `output_dir`
  // that died without cleaning up.
  static void remove_abandoned(const std::filesystem::path& output_dir);

 private:
  std::filesystem::path path_;
  std::filesystem::path lock_path_;
  int lock_fd_ = -1;
};

}  // namespace reelflow::framework
