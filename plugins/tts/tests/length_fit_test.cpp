// The length fit's decisions on their own: when a length fits, how the next speed
// follows the miss, the speed limits, the round limit and a provider that ignores speed.
#include "length_fit.hpp"

#include <gtest/gtest.h>

namespace reelflow::tts {
namespace {

using Kind = FitDecision::Kind;

TEST(LengthFit, NoTargetOrWithinToleranceFits) {
  EXPECT_EQ(decide_speed({0.0, 0.02, 0.0}, {50.0, 1.0}, {}, 1.0, 0).kind, Kind::Fits);
  EXPECT_EQ(decide_speed({60.0, 0.02, 0.0}, {59.0, 1.5}, {}, 1.0, 0).kind, Kind::Fits);
}

TEST(LengthFit, TheNextSpeedMakesTheSpeechFillWhatIsLeftOfTheTarget) {
  // 45 s of speech and 5 s fixed for 60 s: the speech should last 55 s, so speak at 45/55.
  FitDecision slower = decide_speed({60.0, 0.02, 0.1}, {45.0, 5.0}, {}, 1.0, 0);
  ASSERT_EQ(slower.kind, Kind::Retry);
  EXPECT_NEAR(slower.speed, 45.0 / 55.0, 1e-9);
  FitDecision faster = decide_speed({20.0, 0.02, 0.1}, {22.0, 0.0}, {}, 1.0, 0);
  ASSERT_EQ(faster.kind, Kind::Retry);
  EXPECT_NEAR(faster.speed, 1.1, 1e-9);
}

TEST(LengthFit, SpeedsAreClampedAndAMissAtTheLimitCannotFit) {
  FitDecision first = decide_speed({60.0, 0.02, 0.0}, {30.0, 0.0}, {}, 1.0, 0);
  ASSERT_EQ(first.kind, Kind::Retry);
  EXPECT_DOUBLE_EQ(first.speed, kMinSpeed);
  FitDecision again = decide_speed({60.0, 0.02, 0.0}, {37.5, 0.0}, {30.0, 0.0}, kMinSpeed, 1);
  ASSERT_EQ(again.kind, Kind::CannotFit);
  EXPECT_NE(again.message.find("too short"), std::string::npos) << again.message;
  EXPECT_NE(again.message.find("target_total_s is 60.0 s"), std::string::npos) << again.message;
}

TEST(LengthFit, RoundsAreBoundedAndAnIgnoredSpeedIsReported) {
  EXPECT_EQ(decide_speed({60.0, 0.02, 0.0}, {55.0, 0.0}, {54.0, 0.0}, 1.05, kMaxFitRounds - 1).kind,
            Kind::CannotFit);
  FitDecision ignored = decide_speed({60.0, 0.02, 0.0}, {50.0, 0.0}, {50.0, 0.0}, 0.83, 1);
  ASSERT_EQ(ignored.kind, Kind::CannotFit);
  EXPECT_NE(ignored.message.find("did not change with the speed"), std::string::npos) << ignored.message;
}

TEST(LengthFit, GapsAloneOverTheTargetCannotFit) {
  FitDecision decision = decide_speed({5.0, 0.02, 0.0}, {2.0, 6.0}, {}, 1.0, 0);
  ASSERT_EQ(decision.kind, Kind::CannotFit);
  EXPECT_NE(decision.message.find("silent scenes"), std::string::npos) << decision.message;
}

}  // namespace
}  // namespace reelflow::tts
