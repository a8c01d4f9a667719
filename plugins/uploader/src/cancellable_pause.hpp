#pragma once
// Waiting between polls or before resuming an upload without missing a cancel.
#include <reelflow/stage_context.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

namespace reelflow::uploader {

// Sleeps for `pause` in steps of at most 0.1 s; false when the run was cancelled.
inline bool pause_unless_cancelled(const StageContext& ctx, std::chrono::duration<double> pause) {
  using Clock = std::chrono::steady_clock;
  const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(pause);
  while (Clock::now() < until) {
    if (ctx.cancelled()) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(100)));
  }
  return !ctx.cancelled();
}

}  // namespace reelflow::uploader
