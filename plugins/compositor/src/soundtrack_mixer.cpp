#include "soundtrack_mixer.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::compositor {
namespace {

// Transparent below 0.9, then a smooth knee towards 1.0 instead of hard clipping.
float soft_limit(float x) {
  const float a = std::abs(x);
  if (a <= 0.9f) return x;
  const float limited = 0.9f + 0.1f * std::tanh((a - 0.9f) / 0.1f);
  return std::copysign(limited, x);
}

}  // namespace

SoundtrackMixer::SoundtrackMixer(std::size_t total_frames, int rate, int channels, std::vector<PlacedClip> clips,
                                 std::optional<MusicBed> music)
    : total_frames_(total_frames), rate_(rate), channels_(static_cast<std::size_t>(channels)) {
  for (auto& clip : clips) {
    ClipState state;
    state.open = std::move(clip.open);
    state.start = static_cast<std::size_t>(std::llround(std::max(0.0, clip.start_s) * rate));
    const auto limit = static_cast<std::size_t>(std::llround(std::max(0.0, clip.max_s) * rate));
    state.end = std::min(total_frames, state.start + limit);
    state.done = state.start >= state.end;
    clips_.push_back(std::move(state));
  }
  if (music) {
    envelope_.emplace(std::move(music->envelope));
    music_.emplace(std::move(music->open), channels, music->seam_frames);
  }
}

std::size_t SoundtrackMixer::open_clip_sources() const {
  return static_cast<std::size_t>(
      std::count_if(clips_.begin(), clips_.end(), [](const ClipState& c) { return c.source != nullptr; }));
}

void SoundtrackMixer::add_clip(ClipState& clip, float* out, std::size_t from, std::size_t to) {
  const std::size_t first = std::max(from, clip.start);
  const std::size_t last = std::min(to, clip.end);
  if (clip.done || first >= last) return;
  if (!clip.source) {
    clip.source = clip.open();
    peak_open_clips_ = std::max(peak_open_clips_, open_clip_sources());
  }
  const std::size_t wanted = last - first;
  scratch_.resize(wanted * channels_);
  const std::size_t got = clip.source->read(scratch_.data(), wanted);
  float* dst = out + (first - from) * channels_;
  for (std::size_t i = 0; i < got * channels_; ++i) dst[i] += scratch_[i];
  // Closed as soon as the clip has ended (or its scene has): its decoder's memory goes too.
  if (got < wanted || last == clip.end) {
    clip.source.reset();
    clip.done = true;
  }
}

void SoundtrackMixer::add_music(float* out, std::size_t from, std::size_t to) {
  const std::size_t n = to - from;
  scratch_.assign(n * channels_, 0.0f);  // silence if an empty source ends early
  music_->read(scratch_.data(), n);
  const double rate = rate_;
  std::size_t f = from;
  while (f < to) {
    // Gains sit on a fixed grid of the whole soundtrack, so block edges change nothing.
    const std::size_t grid_start = f / kGainBlock * kGainBlock;
    const std::size_t grid_end = std::min(total_frames_, grid_start + kGainBlock);
    const double gain_from = envelope_->gain_at(static_cast<double>(grid_start) / rate);
    const double gain_to = envelope_->gain_at(static_cast<double>(grid_end) / rate);
    const std::size_t stop = std::min(to, grid_end);
    for (; f < stop; ++f) {
      const double g =
          gain_from + (gain_to - gain_from) * static_cast<double>(f - grid_start) / (grid_end - grid_start);
      const std::size_t i = (f - from) * channels_;
      for (std::size_t c = 0; c < channels_; ++c) out[i + c] += static_cast<float>(scratch_[i + c] * g);
    }
  }
}

std::size_t SoundtrackMixer::mix_next(float* out, std::size_t frames) {
  const std::size_t from = position_;
  const std::size_t to = from + std::min(frames, total_frames_ - from);
  std::fill(out, out + (to - from) * channels_, 0.0f);
  // Clips in their order, then the music: the same order of additions as mixing whole.
  for (auto& clip : clips_) add_clip(clip, out, from, to);
  if (music_) add_music(out, from, to);
  for (std::size_t i = 0; i < (to - from) * channels_; ++i) out[i] = soft_limit(out[i]);
  position_ = to;
  return to - from;
}

}  // namespace reelflow::compositor
