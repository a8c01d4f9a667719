#include "signal_watcher.hpp"

#include <csignal>
#include <pthread.h>
#include <unistd.h>

namespace reelflow::cli {
namespace {

sigset_t termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);  // used to wake the watcher at shutdown
  return set;
}

}  // namespace

void SignalWatcher::block_termination_signals() {
  sigset_t set = termination_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(std::function<void()> on_signal) {
  thread_ = std::thread([on_signal = std::move(on_signal)] {
    sigset_t set = termination_signals();
    int count = 0;
    while (true) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (sig == SIGUSR1) return;
      if (++count > 1) _exit(130);
      on_signal();
    }
  });
}

SignalWatcher::~SignalWatcher() {
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
}

}  // namespace reelflow::cli
