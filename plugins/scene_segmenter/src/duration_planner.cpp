#include "duration_planner.hpp"

#include <algorithm>

namespace reelflow::scene_segmenter {
namespace {

DurationPlan scaled(const std::vector<double>& speech_s, SceneLimits limits, double scale) {
  DurationPlan plan;
  plan.scale = scale;
  for (double s : speech_s) {
    double d = std::clamp(s * scale, limits.min_s, limits.max_s);
    plan.durations_s.push_back(d);
    plan.total_s += d;
  }
  return plan;
}

}  // namespace

DurationPlan plan_durations(const std::vector<double>& speech_s, SceneLimits limits, double target_total_s) {
  if (target_total_s <= 0.0 || speech_s.empty()) return scaled(speech_s, limits, 1.0);

  // The total is monotonic in the scale, so bisect; the scale needed is at most
  // max_s over the shortest speech time.
  double shortest = *std::min_element(speech_s.begin(), speech_s.end());
  double low = 0.0;
  double high = limits.max_s / std::max(shortest, 1e-6);
  if (scaled(speech_s, limits, high).total_s <= target_total_s) return scaled(speech_s, limits, high);
  if (scaled(speech_s, limits, low).total_s >= target_total_s) return scaled(speech_s, limits, low);
  for (int i = 0; i < 60; ++i) {
    double mid = (low + high) / 2.0;
    (scaled(speech_s, limits, mid).total_s < target_total_s ? low : high) = mid;
  }
  return scaled(speech_s, limits, (low + high) / 2.0);
}

}  // namespace reelflow::scene_segmenter
