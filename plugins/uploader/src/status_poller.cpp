#include "status_poller.hpp"

#include "cancellable_pause.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace reelflow::uploader {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

}  // namespace

Status poll_until_done(StageContext& ctx, const std::string& what, const StatusCheck& check) {
  const double interval_s = ctx.params().number("poll_interval_s");
  const double timeout_s = ctx.params().number("publish_timeout_s");
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  auto pause = std::chrono::duration<double>(interval_s);
  const auto max_pause = pause * 16;
  for (int polls = 1;; ++polls) {
    bool done = false;
    std::string state;
    if (Status checked = check(done, state); !checked) return checked;
    if (done) return Status::ok();
    if (Clock::now() + std::chrono::duration_cast<Clock::duration>(pause) > deadline)
      return Status::error(what + ": still " + (state.empty() ? "processing" : state) + " after " +
                           seconds_text(std::chrono::duration<double>(Clock::now() - start).count()) + " (" +
                           std::to_string(polls) + " checks; publish_timeout_s is " + seconds_text(timeout_s) + ")");
    ctx.progress(0.9, what + ": " + state);
    if (!pause_unless_cancelled(ctx, pause)) return Status::error("cancelled");
    pause = std::min(pause * 2, max_pause);
  }
}

}  // namespace reelflow::uploader
