// The shared EBU R128 meter: measuring integrated loudness only gives the same figure
// as measuring everything, and leaves what it did not measure at 0.
#include <reelflow_loudness/meter.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace reelflow::loudness {
namespace {

// 10 s of a 997 Hz stereo sine at `amplitude`, interleaved.
std::vector<float> sine(double amplitude, unsigned rate) {
  std::vector<float> pcm;
  for (unsigned i = 0; i < rate * 10; ++i) {
    const auto v = static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * 997.0 * i / rate));
    pcm.push_back(v);
    pcm.push_back(v);
  }
  return pcm;
}

TEST(LoudnessMeter, IntegratedOnlyMeasuresTheSameLoudnessAndSkipsPeakAndRange) {
  const unsigned rate = 48000;
  const std::vector<float> pcm = sine(0.1, rate);
  Meter all, integrated;
  ASSERT_TRUE(all.configure(2, rate));
  ASSERT_TRUE(integrated.configure(2, rate, Measures::IntegratedOnly));
  all.add(pcm.data(), pcm.size());
  integrated.add(pcm.data(), pcm.size());
  const Levels a = all.levels(), i = integrated.levels();
  EXPECT_TRUE(std::isfinite(a.integrated_lufs));
  EXPECT_NEAR(i.integrated_lufs, a.integrated_lufs, 1e-9);
  EXPECT_NEAR(a.true_peak_dbtp, 20 * std::log10(0.1), 0.5);  // measured where asked
  EXPECT_EQ(i.true_peak_dbtp, 0);                             // not measured: left at 0
  EXPECT_EQ(i.range_lu, 0);
  EXPECT_NEAR(i.seconds, 10.0, 1e-9);
}

}  // namespace
}  // namespace reelflow::loudness
