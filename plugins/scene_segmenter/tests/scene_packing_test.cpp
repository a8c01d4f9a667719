// Grouping timed units into scenes and planning their durations.
#include "duration_planner.hpp"
#include "scene_packer.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace ss = reelflow::scene_segmenter;

namespace {

std::vector<double> group_seconds(const std::vector<ss::PackItem>& items, const std::vector<std::size_t>& starts) {
  std::vector<double> seconds;
  for (std::size_t g = 0; g < starts.size(); ++g) {
    std::size_t end = g + 1 < starts.size() ? starts[g + 1] : items.size();
    double s = 0;
    for (std::size_t i = starts[g]; i < end; ++i) s += items[i].seconds;
    seconds.push_back(s);
  }
  return seconds;
}

}  // namespace

TEST(ScenePacker, KeepsEveryGroupInRangeWhenPossible) {
  // Sentences of 1.2 to 3.6 s that greedy fill-to-max grouping leaves out of range (its first
  // scene, 6.4 s, leaves 1.6 + 3.6 + 2.8 = 8 s); a grouping in range exists.
  std::vector<double> lengths = {1.6, 3.2, 1.6, 3.6, 2.8, 2.4, 3.2, 1.2, 3.2, 3.6, 1.2, 1.6, 3.6, 2.8};
  std::vector<ss::PackItem> items;
  for (double s : lengths) items.push_back(ss::PackItem{s, 0.0, 0.0});
  auto starts = ss::pack_scenes(items, {4.0, 7.0});
  ASSERT_FALSE(starts.empty());
  EXPECT_EQ(starts.front(), 0u);
  for (double s : group_seconds(items, starts)) {
    EXPECT_GE(s, 4.0);
    EXPECT_LE(s, 7.0);
  }
}

TEST(ScenePacker, HonoursCutAndJoinCosts) {
  // Two blocks of 5 s each (2.5 + 2.5): cutting inside a block costs, joining blocks costs.
  std::vector<ss::PackItem> items = {{2.5, 0, 0}, {2.5, 2.0, 0}, {2.5, 0, 2.0}, {2.5, 2.0, 0}};
  EXPECT_EQ(ss::pack_scenes(items, {4.0, 7.0}), (std::vector<std::size_t>{0, 2}));
  // A lone too-short item is merged with a neighbour even though that joins blocks.
  std::vector<ss::PackItem> short_tail = {{5.0, 0, 0}, {1.0, 0, 2.0}};
  EXPECT_EQ(ss::pack_scenes(short_tail, {4.0, 7.0}), (std::vector<std::size_t>{0}));
  // A single item longer than the maximum stays whole (there is nothing to split).
  EXPECT_EQ(ss::pack_scenes({{12.0, 0, 0}}, {4.0, 7.0}), (std::vector<std::size_t>{0}));
  EXPECT_TRUE(ss::pack_scenes({}, {4.0, 7.0}).empty());
}

TEST(DurationPlanner, ClampsWithoutTargetAndScalesTowardTarget) {
  auto plain = ss::plan_durations({2.0, 5.0, 10.0}, {4.0, 7.0}, 0.0);
  EXPECT_EQ(plain.durations_s, (std::vector<double>{4.0, 5.0, 7.0}));

  auto scaled = ss::plan_durations({5.0, 5.0, 4.0}, {4.0, 7.0}, 18.0);
  EXPECT_NEAR(scaled.total_s, 18.0, 1e-6);
  for (double d : scaled.durations_s) {
    EXPECT_GE(d, 4.0);
    EXPECT_LE(d, 7.0);
  }
  EXPECT_GT(scaled.scale, 1.0);

  // Unreachable targets end at the limits.
  EXPECT_NEAR(ss::plan_durations({5.0, 5.0}, {4.0, 7.0}, 100.0).total_s, 14.0, 1e-9);
  EXPECT_NEAR(ss::plan_durations({5.0, 5.0}, {4.0, 7.0}, 2.0).total_s, 8.0, 1e-9);
}
