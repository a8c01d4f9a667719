#pragma once
// Turns each scene's estimated speech time into its planned duration: clamped to
// [min_s, max_s] and, when a total is wanted, scaled by one common factor so the
// durations add up to it as closely as the limits allow.
#include "scene_packer.hpp"

#include <vector>

namespace reelflow::scene_segmenter {

struct DurationPlan {
  std::vector<double> durations_s;
  double total_s = 0.0;
  double scale = 1.0;  // the factor applied to speech times before clamping
};

// target_total_s <= 0: no target, durations are the clamped speech times.
DurationPlan plan_durations(const std::vector<double>& speech_s, SceneLimits limits, double target_total_s);

}  // namespace reelflow::scene_segmenter
