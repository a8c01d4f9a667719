#include "scene_plan.hpp"

#include "duration_planner.hpp"

#include <algorithm>
#include <cstdio>

namespace reelflow::scene_segmenter {
namespace {

// How far the speech may exceed the target, or the plan fall short of it,
// before the user is warned.
constexpr double kLongTextTolerance = 1.10;
constexpr double kShortPlanTolerance = 0.95;

std::string format(const char* pattern, auto... args) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, pattern, args...);
  return buffer;
}

}  // namespace

ScenePlan plan_scenes(const NarrationSource& source, const SegmentSettings& settings) {
  ScenePlan plan;
  plan.scenes.title = source.title;
  const double seconds_per_word = 1.0 / settings.words_per_second;
  std::vector<NarrationUnit> units = units_from_blocks(source.blocks, settings.limits.max_s, settings.words_per_second);
  if (units.empty()) return plan;

  int total_words = 0;
  for (const NarrationUnit& u : units) total_words += u.words;
  plan.speech_s = total_words * seconds_per_word;

  // Short text for a long target: group as if spoken slower, so there are
  // enough scenes to fill the target without stretching any past max_s.
  double stretch = 1.0;
  if (settings.target_total_s > 0.0) stretch = std::max(1.0, settings.target_total_s / plan.speech_s);
  std::vector<std::size_t> starts =
      pack_scenes(pack_items(units, seconds_per_word * stretch, source.cohesion), settings.limits);

  std::vector<double> speech_per_scene;
  for (std::size_t g = 0; g < starts.size(); ++g) {
    std::size_t end = g + 1 < starts.size() ? starts[g + 1] : units.size();
    int words = 0;
    for (std::size_t u = starts[g]; u < end; ++u) words += units[u].words;
    speech_per_scene.push_back(words * seconds_per_word);
  }
  DurationPlan durations = plan_durations(speech_per_scene, settings.limits, settings.target_total_s);
  plan.planned_s = durations.total_s;
  plan.scenes.scenes = assemble_scenes(units, starts, durations.durations_s, source.notes);

  const int scene_count = static_cast<int>(starts.size());
  const double target = settings.target_total_s;
  if (target > 0.0 && plan.speech_s > target * kLongTextTolerance) {
    plan.warnings.push_back(format(
        "the narration needs about %.0f s at %.2f words/s, more than target_total_s=%.0f s; keeping all %d "
        "scenes (nothing dropped), planned %.1f s",
        plan.speech_s, settings.words_per_second, target, scene_count, plan.planned_s));
  } else if (target > 0.0 && plan.planned_s < target * kShortPlanTolerance) {
    plan.warnings.push_back(format(
        "the narration (about %.0f s) is too short for target_total_s=%.0f s: %d scenes of at most "
        "max_scene_s=%.1f s give %.1f s",
        plan.speech_s, target, scene_count, settings.limits.max_s, plan.planned_s));
  }
  int overlong = static_cast<int>(std::count_if(speech_per_scene.begin(), speech_per_scene.end(),
                                                [&](double s) { return s > settings.limits.max_s; }));
  if (overlong > 0) {
    plan.warnings.push_back(format(
        "%d scene(s) hold more speech than max_scene_s=%.1f s (a sentence without a clause break to split at)",
        overlong, settings.limits.max_s));
  }
  return plan;
}

}  // namespace reelflow::scene_segmenter
