#pragma once
// Turns SIGINT/SIGTERM into a cancel request on a dedicated thread (sigwait), so
// no work happens in a signal handler. A second signal exits at once with 130.
#include <functional>
#include <thread>

namespace reelflow::cli {

class SignalWatcher {
 public:
  // Call before starting any thread.
  static void block_termination_signals();

  explicit SignalWatcher(std::function<void()> on_signal);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  std::thread thread_;
};

}  // namespace reelflow::cli
