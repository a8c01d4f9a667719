#pragma once
// Waiting for something another process or thread makes happen: the condition is
// polled, so a test waits as long as it must (up to a generous deadline), never a
// fixed time that a loaded machine may overrun.
#include <chrono>
#include <functional>
#include <thread>

namespace reelflow::testing {

// Polls `condition` every 20 ms until it holds or `timeout` passes; its last answer.
inline bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

// A latency deadline the behaviour promises (a first segment within 6 s), stretched
// in sanitizer builds, whose instrumented code is several times slower.
inline std::chrono::milliseconds latency_deadline(std::chrono::milliseconds promised) {
#ifndef REELFLOW_TEST_TIME_SCALE
#define REELFLOW_TEST_TIME_SCALE 1
#endif
  return promised * REELFLOW_TEST_TIME_SCALE;
}

}  // namespace reelflow::testing
