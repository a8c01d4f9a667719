#include "scene_packer.hpp"

#include <algorithm>
#include <limits>

namespace reelflow::scene_segmenter {
namespace {

// Any scene out of range costs more than every in-range choice together could
// save nearby, so the packer only accepts one when no grouping avoids it.
constexpr double kOutOfRangeBase = 100.0;
constexpr double kOutOfRangePerSecondSquared = 100.0;

double scene_cost(double seconds, SceneLimits limits) {
  if (seconds < limits.min_s) {
    double miss = limits.min_s - seconds;
    return kOutOfRangeBase + kOutOfRangePerSecondSquared * miss * miss;
  }
  if (seconds > limits.max_s) {
    double miss = seconds - limits.max_s;
    return kOutOfRangeBase + kOutOfRangePerSecondSquared * miss * miss;
  }
  double half_range = std::max((limits.max_s - limits.min_s) / 2.0, 1e-6);
  double off_centre = (seconds - (limits.min_s + limits.max_s) / 2.0) / half_range;
  return off_centre * off_centre;  // 0 in the middle, 1 at either limit
}

}  // namespace

std::vector<std::size_t> pack_scenes(const std::vector<PackItem>& items, SceneLimits limits) {
  const std::size_t n = items.size();
  if (n == 0) return {};

  // join_before[i]: sum of join costs of items 1..i-1 (items that continue a scene).
  std::vector<double> seconds_before(n + 1, 0.0);
  std::vector<double> join_before(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    seconds_before[i + 1] = seconds_before[i] + items[i].seconds;
    join_before[i + 1] = join_before[i] + (i > 0 ? items[i].join_cost : 0.0);
  }

  // A scene longer than twice the maximum is never better than splitting it,
  // which bounds the search to a window per end item.
  const double longest_considered = 2.0 * limits.max_s + limits.min_s;
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  std::vector<double> best(n + 1, kInfinity);
  std::vector<std::size_t> start_of_last(n + 1, 0);
  best[0] = 0.0;
  for (std::size_t end = 1; end <= n; ++end) {
    for (std::size_t start = end; start-- > 0;) {
      double seconds = seconds_before[end] - seconds_before[start];
      if (seconds > longest_considered && start + 1 < end) break;
      // The scene [start, end) joins items start+1..end-1 to their predecessors.
      double cost = best[start] + scene_cost(seconds, limits) + (start > 0 ? items[start].cut_cost : 0.0) +
                    (join_before[end] - join_before[start + 1]);
      if (cost < best[end]) {
        best[end] = cost;
        start_of_last[end] = start;
      }
    }
  }

  std::vector<std::size_t> starts;
  for (std::size_t end = n; end > 0; end = start_of_last[end]) starts.push_back(start_of_last[end]);
  std::reverse(starts.begin(), starts.end());
  return starts;
}

}  // namespace reelflow::scene_segmenter
