#include "stream_stats_board.hpp"

#include <sstream>

namespace reelflow::service {
namespace {

// Job ids and stage ids are checked names (letters, digits, '-', '_', '.'), so
// they need no escaping inside a label; anything else is dropped, not echoed.
std::string label_value(const std::string& text) {
  std::string out;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') out += c;
  return out;
}

}  // namespace

void StreamStatsBoard::on_event(const std::string& job_id, const Event& event) {
  std::lock_guard lock(mutex_);
  switch (event.kind) {
    case EventKind::StageStats: entries_[{job_id, event.stage_id}] = {event.stage_type, event.stats}; break;
    case EventKind::StageFinished:
    case EventKind::StageFailed:
    case EventKind::StageCancelled: entries_.erase({job_id, event.stage_id}); break;
    case EventKind::RunFinished:
      for (auto it = entries_.begin(); it != entries_.end();)
        it = it->first.first == job_id ? entries_.erase(it) : std::next(it);
      break;
    default: break;
  }
}

std::string StreamStatsBoard::prometheus() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  const auto family = [&](const char* name, const char* type, const char* help, auto value_of) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
    for (const auto& [key, entry] : entries_)
      out << name << "{job=\"" << label_value(key.first) << "\",stage=\"" << label_value(key.second) << "\",type=\""
          << label_value(entry.type) << "\"} " << value_of(entry.stats) << '\n';
  };
  family("reelflow_stage_fps", "gauge", "Buffers per second on a running stream stage's main port.",
         [](const StreamStats& s) { return s.fps; });
  family("reelflow_stage_latency_ms", "gauge", "How far a running stream stage is behind its input, in ms of media.",
         [](const StreamStats& s) { return s.latency_ms; });
  family("reelflow_stage_queue_fill", "gauge", "How full a running stream stage's input queues are (0..1).",
         [](const StreamStats& s) { return s.queue_fill; });
  family("reelflow_stage_dropped_total", "counter", "Buffers a running stream stage's leaky input queues dropped.",
         [](const StreamStats& s) { return s.dropped; });
  return out.str();
}

}  // namespace reelflow::service
