#pragma once
// A Runtime's warm spare (spare.hpp): at most one, of the shape of the last
// confined job, started on the pool's own thread while the job runs. A job
// takes the spare when it fits and the spare is alive; a spare is never given
// two jobs. The pool's thread is the spares' parent thread (they die with it),
// so the pool lives as long as the Runtime or a run that took one of its spares.
#include "sandbox/spare.hpp"
#include "sandbox/spare_shape.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace reelflow::framework::sandbox {

class SparePool {
 public:
  SparePool();
  // Kills the spare; waits for one being started and kills it too.
  ~SparePool();
  SparePool(const SparePool&) = delete;
  SparePool& operator=(const SparePool&) = delete;

  // The spare, when one is alive and `job` fits it; null otherwise (a dead one is reaped).
  std::unique_ptr<Spare> take(const SpareShape& job);
  // Starts a spare of `shape` in the background, replacing the one there is,
  // unless that one is alive and of a shape that fits `shape`.
  void replenish(const SpareShape& shape);
  // No more spares: kills the one there is (and one being started) before it returns.
  void close();

 private:
  void serve();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<SpareShape> wanted_;
  std::unique_ptr<Spare> spare_;
  bool starting_ = false;
  bool closed_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reelflow::framework::sandbox
