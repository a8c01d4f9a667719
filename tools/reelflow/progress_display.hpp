#pragma once
// Shows a run's events to a person: a progress bar per running stage on a
// terminal (redrawn in place), or one plain line per change elsewhere.
#include "run/event.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

namespace reelflow::cli {

class ProgressDisplay {
 public:
  enum class Mode { Bars, Plain };
  // Plain mode prints a stream stage's stage_stats line at most this often.
  static constexpr std::chrono::seconds kPlainStatsGap{5};
  ProgressDisplay(Mode mode, std::FILE* out) : mode_(mode), out_(out) {}

  void on_event(const framework::Event& event);

 private:
  struct Bar {
    std::string type;
    double fraction = 0.0;
    std::string message;
    std::optional<std::chrono::system_clock::time_point> last_stats_line;  // plain mode
  };
  void redraw(bool force);
  void print_line(const std::string& line);

  Mode mode_;
  std::FILE* out_;
  std::map<std::string, Bar> running_;
  int drawn_lines_ = 0;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace reelflow::cli
