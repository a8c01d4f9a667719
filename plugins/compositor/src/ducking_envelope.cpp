#include "ducking_envelope.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::compositor {

DuckingEnvelope::DuckingEnvelope(std::vector<VoiceSpan> voice, double bed_db, double duck_db, double fade_s,
                                 double total_s)
    : bed_db_(bed_db), duck_db_(duck_db), fade_s_(fade_s), total_s_(total_s) {
  std::sort(voice.begin(), voice.end(), [](const VoiceSpan& a, const VoiceSpan& b) { return a.start_s < b.start_s; });
  for (const auto& span : voice) {
    if (span.end_s <= span.start_s) continue;
    if (!spans_.empty() && span.start_s - spans_.back().end_s < kBridgeS)
      spans_.back().end_s = std::max(spans_.back().end_s, span.end_s);
    else
      spans_.push_back(span);
  }
}

double DuckingEnvelope::duck_amount_at(double t) const {
  // Spans released before t add nothing: start at the first that may still (merged
  // spans are sorted by both ends), so a lookup costs the same at any point of the video.
  auto it = std::partition_point(spans_.begin(), spans_.end(),
                                 [t](const VoiceSpan& span) { return span.end_s + kReleaseS < t; });
  double amount = 0.0;
  for (; it != spans_.end(); ++it) {
    const VoiceSpan& span = *it;
    if (t < span.start_s - kAttackS) break;
    double a = 1.0;
    if (t < span.start_s) a = (t - (span.start_s - kAttackS)) / kAttackS;
    else if (t > span.end_s) a = 1.0 - (t - span.end_s) / kReleaseS;
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
