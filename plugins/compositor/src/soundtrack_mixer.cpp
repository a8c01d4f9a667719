#include "soundtrack_mixer.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::compositor {
namespace {

// Gains are evaluated once per block and interpolated: ramps stay smooth, pow() stays cheap.
constexpr std::size_t kGainBlock = 128;

void add_music(std::vector<float>& out, std::size_t frames, int rate, int channels, const MusicBed& music) {
  const auto& src = music.audio->samples;
  const std::size_t src_frames = music.audio->frames();
  if (src_frames == 0) return;
  const auto ch = static_cast<std::size_t>(channels);
  double gain_from = music.envelope->gain_at(0.0);
  for (std::size_t block = 0; block < frames; block += kGainBlock) {
    const std::size_t end = std::min(frames, block + kGainBlock);
    const double gain_to = music.envelope->gain_at(static_cast<double>(end) / rate);
    for (std::size_t f = block; f < end; ++f) {
      const double g = gain_from + (gain_to - gain_from) * static_cast<double>(f - block) / (end - block);
      const std::size_t s = (f % src_frames) * ch;  // shorter music loops
      for (std::size_t c = 0; c < ch; ++c) out[f * ch + c] += static_cast<float>(src[s + c] * g);
    }
    gain_from = gain_to;
  }
}

// Transparent below 0.9, then a smooth knee towards 1.0 instead of hard clipping.
float soft_limit(float x) {
  const float a = std::abs(x);
  if (a <= 0.9f) return x;
  const float limited = 0.9f + 0.1f * std::tanh((a - 0.9f) / 0.1f);
  return std::copysign(limited, x);
}

}  // namespace

std::vector<float> mix_soundtrack(std::size_t frames, int rate, int channels, const std::vector<PlacedClip>& clips,
                                  std::optional<MusicBed> music) {
  const auto ch = static_cast<std::size_t>(channels);
  std::vector<float> out(frames * ch, 0.0f);
  for (const auto& clip : clips) {
    const auto start = static_cast<std::size_t>(std::llround(std::max(0.0, clip.start_s) * rate));
    const auto limit = static_cast<std::size_t>(std::llround(clip.max_s * rate));
    const std::size_t n = std::min({clip.audio->frames(), limit, frames > start ? frames - start : 0});
    const float* src = clip.audio->samples.data();
    float* dst = out.data() + start * ch;
    for (std::size_t i = 0; i < n * ch; ++i) dst[i] += src[i];
  }
  if (music) add_music(out, frames, rate, channels, *music);
  for (auto& s : out) s = soft_limit(s);
  return out;
}

}  // namespace reelflow::compositor
