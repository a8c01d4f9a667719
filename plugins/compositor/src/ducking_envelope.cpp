#include "ducking_envelope.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::compositor {

namespace {

// Whether a scene starts within the pause [from, to].
bool has_scene_change(const std::vector<double>& changes, double from, double to) {
  auto it = std::lower_bound(changes.begin(), changes.end(), from);
  return it != changes.end() && *it <= to;
}

}  // namespace

DuckingEnvelope::DuckingEnvelope(std::vector<VoiceSpan> voice, double bed_db, double duck_db, double fade_s,
                                 double total_s, const std::vector<double>& scene_changes_s)
    : bed_db_(bed_db), duck_db_(duck_db), fade_s_(fade_s), total_s_(total_s) {
  std::sort(voice.begin(), voice.end(), [](const VoiceSpan& a, const VoiceSpan& b) { return a.start_s < b.start_s; });
  std::vector<double> changes = scene_changes_s;
  std::sort(changes.begin(), changes.end());
  for (const auto& span : voice) {
    if (span.end_s <= span.start_s) continue;
    if (spans_.empty()) {
      spans_.push_back(span);
      ramps_.emplace_back();
      continue;
    }
    const double pause = span.start_s - spans_.back().end_s;
    const bool scene_break = pause >= kSceneBreakS && has_scene_change(changes, spans_.back().end_s, span.start_s);
    if (!scene_break && pause < kBridgeS) {
      spans_.back().end_s = std::max(spans_.back().end_s, span.end_s);
      continue;
    }
    Ramps next;
    if (scene_break) {
      // Released and ducked again inside the pause; the previous span's release
      // stays before this one's attack, so the lookup's order holds.
      const double ramp = std::max(kShortestRampS, pause / 3);
      ramps_.back().release_s = std::min(ramps_.back().release_s, ramp);
      next.attack_s = std::min(kAttackS, ramp);
    }
    spans_.push_back(span);
    ramps_.push_back(next);
  }
}

std::vector<double> DuckingEnvelope::scene_changes(const SceneTimeline& timeline) {
  std::vector<double> changes;
  for (std::size_t i = 1; i < timeline.scenes().size(); ++i) changes.push_back(timeline.scenes()[i].start_s);
  return changes;
}

double DuckingEnvelope::duck_amount_at(double t) const {
  // Spans released before t add nothing: start at the first that may still (merged
  // spans are sorted by both ends, and by their ends plus release), so a lookup costs
  // the same at any point of the video.
  const auto first = std::partition_point(spans_.begin(), spans_.end(), [&](const VoiceSpan& span) {
    return span.end_s + ramps_[static_cast<std::size_t>(&span - spans_.data())].release_s < t;
  });
  double amount = 0.0;
  for (auto i = static_cast<std::size_t>(first - spans_.begin()); i < spans_.size(); ++i) {
    const VoiceSpan& span = spans_[i];
    const Ramps& ramps = ramps_[i];
    if (t < span.start_s - ramps.attack_s) break;
    double a = 1.0;
    if (t < span.start_s) a = (t - (span.start_s - ramps.attack_s)) / ramps.attack_s;
    else if (t > span.end_s) a = 1.0 - (t - span.end_s) / ramps.release_s;
    amount = std::max(amount, std::clamp(a, 0.0, 1.0));
  }
  return amount;
}

double DuckingEnvelope::gain_at(double t) const {
  const double db = bed_db_ + duck_db_ * duck_amount_at(t);
  double fade = 1.0;
  if (fade_s_ > 0.0) fade = std::clamp(std::min(t, total_s_ - t) / fade_s_, 0.0, 1.0);
  return std::pow(10.0, db / 20.0) * fade;
}

}  // namespace reelflow::compositor
