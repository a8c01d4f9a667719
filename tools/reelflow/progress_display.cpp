#include "progress_display.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::cli {
namespace {

std::string format_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fs", s);
  return buf;
}

// An id in the bar's 16 columns. A sub-graph's stage ("horizontal/render/video") keeps
// its start and its own name ("horizont../video"), which tell siblings apart.
std::string bar_label(const std::string& id) {
  constexpr std::size_t kColumns = 16;
  if (id.size() <= kColumns) return id;
  const auto slash = id.rfind('/');
  const std::string last = slash == std::string::npos ? id : id.substr(slash + 1);
  if (last.size() + 4 > kColumns) return ".." + id.substr(id.size() - (kColumns - 2));
  return id.substr(0, kColumns - 3 - last.size()) + "../" + last;
}

std::string bar_line(const std::string& id, double fraction, const std::string& message) {
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * kWidth));
  char head[64];
  std::snprintf(head, sizeof head, "%-16.16s [", bar_label(id).c_str());
  std::string line = head;
  line += std::string(filled, '#') + std::string(kWidth - filled, '-');
  char tail[32];
  std::snprintf(tail, sizeof tail, "] %3d%% ", static_cast<int>(fraction * 100));
  line += tail;
  line += message.substr(0, 40);
  return line;
}

// "30.0 fps, 120 ms behind, queue 40%, 3 dropped"
std::string format_stats(const framework::StreamStats& stats) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.1f fps, %.0f ms behind, queue %d%%", stats.fps, stats.latency_ms,
                static_cast<int>(std::lround(stats.queue_fill * 100)));
  std::string text = buf;
  if (stats.dropped > 0) text += ", " + std::to_string(stats.dropped) + " dropped";
  return text;
}

}  // namespace

void ProgressDisplay::print_line(const std::string& line) {
  if (mode_ == Mode::Bars) {
    // Clear the bars, print the line above them, draw them again.
    for (int i = 0; i < drawn_lines_; ++i) std::fputs("\033[1A\033[2K", out_);
    drawn_lines_ = 0;
  }
  std::fprintf(out_, "%s\n", line.c_str());
  if (mode_ == Mode::Bars) redraw(true);
  std::fflush(out_);
}

void ProgressDisplay::redraw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(80)) return;
  last_draw_ = now;
  for (int i = 0; i < drawn_lines_; ++i) std::fputs("\033[1A\033[2K", out_);
  drawn_lines_ = 0;
  for (const auto& [id, bar] : running_) {
    std::fprintf(out_, "%s\n", bar_line(id, bar.fraction, bar.message).c_str());
    ++drawn_lines_;
  }
  std::fflush(out_);
}

void ProgressDisplay::on_event(const framework::Event& e) {
  using framework::EventKind;
  switch (e.kind) {
    case EventKind::RunStarted:
      print_line("run " + e.run_id + ": " + e.message);
      break;
    case EventKind::StageStarted:
      running_[e.stage_id] = Bar{e.stage_type, 0.0, "", std::nullopt};
      if (mode_ == Mode::Plain) print_line("  started  " + e.stage_id + " (" + e.stage_type + ")");
      else redraw(true);
      break;
    case EventKind::StageProgress:
      if (auto it = running_.find(e.stage_id); it != running_.end()) {
        it->second.fraction = e.progress;
        if (!e.message.empty()) it->second.message = e.message;
      }
      if (mode_ == Mode::Bars) redraw(false);
      break;
    case EventKind::StageRetrying:
      print_line("  retrying " + e.stage_id + ": " + e.message);
      break;
    case EventKind::StageOutput:
      print_line("  output   " + e.stage_id + "." + e.port + ": " + e.value_json.substr(0, 200));
      break;
    case EventKind::StageFinished:
      running_.erase(e.stage_id);
      if (e.message == "cached")  // restored from the stage cache; process() did not run
        print_line("  cached   " + e.stage_id + " (" + e.stage_type + ")");
      else
        print_line("  done     " + e.stage_id + " (" + e.stage_type + ") in " + format_seconds(e.duration_s));
      break;
    case EventKind::StageStats:
      // A stream stage's flow goes beside its bar; without bars, a line of its own,
      // at most every kPlainStatsGap so that a long live run's log stays readable.
      if (auto it = running_.find(e.stage_id); it != running_.end()) {
        Bar& bar = it->second;
        bar.message = format_stats(e.stats);
        if (mode_ == Mode::Bars) {
          redraw(false);
        } else if (!bar.last_stats_line || e.time - *bar.last_stats_line >= kPlainStatsGap) {
          bar.last_stats_line = e.time;
          print_line("  stats    " + e.stage_id + ": " + bar.message);
        }
      }
      break;
    case EventKind::StageFailed:
      running_.erase(e.stage_id);
      print_line("  failed   " + e.stage_id + " (" + e.stage_type + "): " + e.message);
      break;
    case EventKind::StageCancelled:
      running_.erase(e.stage_id);
      print_line("  stopped  " + e.stage_id + " (" + e.stage_type + "): " + e.message);
      break;
    case EventKind::RunCancelled:
      print_line("cancelling: stopping the running stages");
      break;
    case EventKind::RunFinished:
      running_.clear();
      redraw(true);
      print_line("run " + e.message + " in " + format_seconds(e.duration_s));
      break;
  }
}

}  // namespace reelflow::cli
