// The gain law against its documented properties, not its formula.
#include "gain_control.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace reelflow::loudness {
namespace {

constexpr double kNothingYet = -std::numeric_limits<double>::infinity();

TEST(GainControl, HoldsUntilSomethingIsMeasuredThenSettlesOnTheTarget) {
  GainControl g(GainLaw{-16, -1, 20, 1, 3});
  EXPECT_EQ(g.step(kNothingYet, -30, 0.5), 0);
  double gain = 0;
  for (int i = 0; i < 100; ++i) gain = g.step(-9, -30, 0.1);  // 10 s of a -9 LUFS input
  EXPECT_NEAR(gain, -7, 0.01);
}

TEST(GainControl, GoesDownFasterThanItComesUp) {
  GainControl down(GainLaw{-16, -1, 20, 1, 3});
  GainControl up(GainLaw{-16, -1, 20, 1, 3});
  const double cut = down.step(-9, -30, 1.0);    // wants -7
  const double boost = up.step(-23, -30, 1.0);   // wants +7
  EXPECT_LT(cut, -7 * 0.6);                      // more than 60% of the way in one attack time
  EXPECT_LT(boost, 7 * 0.4);                     // less than 40% in the same second
  EXPECT_GT(boost, 0);
}

TEST(GainControl, NeverLetsABlockOverTheCeilingAndNeverExceedsMaxGain) {
  GainControl g(GainLaw{-10, -1, 20, 1, 3});
  for (int i = 0; i < 200; ++i) {
    const double peak = (i % 7 == 0) ? -2.0 : -25.0;  // an occasional loud block
    const double gain = g.step(-40, peak, 0.05);
    EXPECT_LE(peak + gain, -1 + 1e-9) << "block " << i;
    EXPECT_LE(gain, 20 + 1e-9);
  }
}

}  // namespace
}  // namespace reelflow::loudness
