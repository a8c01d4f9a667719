// The music beds shipped in graphs/assets/music (scripts/make-music-beds.py), decoded by
// GStreamer as the compositor decodes them and looped by its LoopingSource with the
// same seam: each is a whole number of bars plus the 50 ms the seam lays over the next
// pass, so it keeps its tempo across loops, and the seam does not click.
#include "audio_stream.hpp"
#include "looping_source.hpp"

#include <reelflow_loudness/meter.hpp>

#include <gst/gst.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <vector>

namespace reelflow::compositor {
namespace {

constexpr int kRate = 48000;
constexpr int kChannels = 2;
constexpr std::size_t kSeam = 2400;  // SceneRender's 50 ms at 48 kHz

const std::filesystem::path kBeds = std::filesystem::path(REELFLOW_SOURCE_DIR) / "graphs" / "assets" / "music";

struct Bed {
  const char* name;
  double period_s;  // bars × beats per bar × 60 / BPM
};

void PrintTo(const Bed& bed, std::ostream* os) { *os << bed.name; }

std::vector<float> decode_whole(const std::filesystem::path& file) {
  std::vector<float> pcm;
  AudioStream::decode_blocks(file, kRate, kChannels, SIZE_MAX,
                             [&](const float* p, std::size_t n) { pcm.insert(pcm.end(), p, p + n * kChannels); });
  return pcm;
}

// |x[i+1] - 2 x[i] + x[i-1]| of channel c at frame i: how far a sample leaves the line
// through its neighbours; a click is a spike of it.
double bend(const std::vector<float>& pcm, std::size_t i, int c) {
  const auto at = [&](std::size_t f) { return static_cast<double>(pcm[f * kChannels + static_cast<std::size_t>(c)]); };
  return std::abs(at(i + 1) - 2 * at(i) + at(i - 1));
}

class MusicBeds : public ::testing::TestWithParam<Bed> {
 protected:
  static void SetUpTestSuite() { gst_init(nullptr, nullptr); }
};

TEST_P(MusicBeds, IsWholeBarsPlusTheSeamAndLoudEnoughToMatch) {
  const auto file = kBeds / (std::string(GetParam().name) + ".ogg");
  ASSERT_TRUE(std::filesystem::is_regular_file(file)) << file;
  EXPECT_LT(std::filesystem::file_size(file), 300u * 1024) << "keep the shipped beds small";
  const auto pcm = decode_whole(file);
  const std::size_t frames = pcm.size() / kChannels;
  EXPECT_EQ(frames, static_cast<std::size_t>(std::lround(GetParam().period_s * kRate)) + kSeam);

  loudness::Meter meter;
  ASSERT_TRUE(meter.configure(kChannels, kRate));
  meter.add(pcm.data(), pcm.size());
  const auto levels = meter.levels();
  EXPECT_GT(levels.integrated_lufs, -30.0);
  EXPECT_LT(levels.true_peak_dbtp, -1.0) << "room for the codec and the mix";
  EXPECT_LT(levels.range_lu, 8.0) << "a bed, not a piece with loud and quiet parts";
}

TEST_P(MusicBeds, LoopsWithoutAClickAndKeepsItsPeriod) {
  const auto file = kBeds / (std::string(GetParam().name) + ".ogg");
  const auto pcm = decode_whole(file);
  const std::size_t file_frames = pcm.size() / kChannels;
  const std::size_t period = file_frames - kSeam;

  LoopingSource loop([&] { return std::make_unique<AudioStream>(file, kRate, kChannels); }, kChannels, kSeam);
  std::vector<float> looped((period + kRate) * kChannels);
  ASSERT_EQ(loop.read(looped.data(), period + kRate), period + kRate);
  EXPECT_EQ(loop.passes(), 2);

  for (int c = 0; c < kChannels; ++c) {
    // The sharpest bend anywhere in one pass of the music itself, away from the seam...
    double music = 0.0;
    for (std::size_t i = kSeam; i + kSeam < period; ++i) music = std::max(music, bend(pcm, i, c));
    // ...bounds every bend across the seam and the crossfade that hides it.
    double seam = 0.0;
    for (std::size_t i = period - kSeam - 480; i < period + kSeam + 480; ++i) seam = std::max(seam, bend(looped, i, c));
    EXPECT_LE(seam, 1.2 * music) << "channel " << c << ": a click at the loop seam";

    // The second pass is the first again, a period later (the beat does not drift).
    double error = 0.0, signal = 0.0;
    for (std::size_t i = kSeam; i < static_cast<std::size_t>(kRate); ++i) {
      const double a = looped[(period + i) * kChannels + static_cast<std::size_t>(c)];
      const double b = pcm[i * kChannels + static_cast<std::size_t>(c)];
      error += (a - b) * (a - b);
      signal += b * b;
    }
    EXPECT_LT(error, 1e-12 + 1e-9 * signal) << "channel " << c << ": the loop's second pass is not the file again";
  }
}

INSTANTIATE_TEST_SUITE_P(Shipped, MusicBeds, ::testing::Values(Bed{"calm", 24.0}, Bed{"upbeat", 19.2}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace reelflow::compositor
