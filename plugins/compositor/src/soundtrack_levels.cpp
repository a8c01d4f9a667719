#include "soundtrack_levels.hpp"

#include "audio_stream.hpp"

#include <reelflow_loudness/meter.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

// A mix level needs integrated loudness only (no true peak or range: a quarter of the cost).
void configure(loudness::Meter& meter, int rate, int channels) {
  if (!meter.configure(static_cast<unsigned>(channels), static_cast<unsigned long>(rate),
                       loudness::Measures::IntegratedOnly))
    throw std::runtime_error("cannot start a loudness meter");
}

}  // namespace

NarrationLevels measure_narration(const std::vector<AudioClip>& clips, int rate, int channels,
                                  const std::function<void(std::size_t)>& before_clip) {
  NarrationLevels levels;
  loudness::Meter meter;
  configure(meter, rate, channels);
  const auto samples_per_frame = static_cast<std::size_t>(channels);
  for (std::size_t i = 0; i < clips.size(); ++i) {
    before_clip(i);
    VoiceActivity activity(rate, channels);
    const std::size_t frames =
        AudioStream::decode_blocks(clips[i].path, rate, channels, SIZE_MAX, [&](const float* pcm, std::size_t n) {
          meter.add(pcm, n * samples_per_frame);
          activity.add(pcm, n);
        });
    levels.lengths_s.push_back(clips[i].duration_s > 0.0 ? clips[i].duration_s
                                                         : static_cast<double>(frames) / rate);
    levels.voiced.push_back(activity.spans());
  }
  levels.loudness_lufs = meter.levels().integrated_lufs;
  return levels;
}

double measure_music_lufs(const std::filesystem::path& file, double max_s, int rate, int channels) {
  loudness::Meter meter;
  configure(meter, rate, channels);
  const auto max_frames = static_cast<std::size_t>(std::llround(std::max(0.0, max_s) * rate));
  AudioStream::decode_blocks(file, rate, channels, std::max<std::size_t>(max_frames, 1),
                             [&](const float* pcm, std::size_t n) { meter.add(pcm, n * static_cast<std::size_t>(channels)); });
  const double lufs = meter.levels().integrated_lufs;
  if (!std::isfinite(lufs))
    throw std::runtime_error("music file '" + file.string() + "' is silent (no loudness to match to the narration)");
  return lufs;
}

MusicLevel music_level(double speech_lufs, double music_lufs, double bed_lu) {
  MusicLevel level;
  level.speech_measured = std::isfinite(speech_lufs);
  level.speech_lufs = level.speech_measured ? speech_lufs : kReferenceSpeechLufs;
  level.music_lufs = music_lufs;
  level.gain_db = std::clamp(level.speech_lufs + bed_lu - music_lufs, -kMaxMusicGainDb, kMaxMusicGainDb);
  return level;
}

}  // namespace reelflow::compositor
