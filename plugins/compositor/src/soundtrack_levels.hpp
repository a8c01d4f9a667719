#pragma once
// What the soundtrack is made of, measured before it is mixed, each file decoded once
// as it will be heard (the soundtrack's rate and channels): every narration clip's
// length and voiced spans, the narration's integrated loudness (EBU R128, all clips as
// one programme), the music's, and from the two the music's gain.
#include "voice_activity.hpp"

#include <reelflow/value.hpp>

#include <filesystem>
#include <functional>
#include <vector>

namespace reelflow::compositor {

struct NarrationLevels {
  std::vector<double> lengths_s;               // stated duration_s, else the decoded length
  std::vector<std::vector<VoiceSpan>> voiced;  // per clip, from its start
  double loudness_lufs = 0.0;                  // -inf: silent (nothing above the R128 gate)
};

// `before_clip(i)` runs before clip i is decoded (progress, cancellation). Throws
// std::runtime_error naming a clip that is missing or has no audio.
NarrationLevels measure_narration(const std::vector<AudioClip>& clips, int rate, int channels,
                                  const std::function<void(std::size_t)>& before_clip);

// The music's integrated loudness over its first `max_s` seconds: what plays in a video
// that long (a shorter file loops whole). Throws naming the file when it has no audio
// or nothing above the R128 gate.
double measure_music_lufs(const std::filesystem::path& file, double max_s, int rate, int channels);

struct MusicLevel {
  double speech_lufs = 0.0;  // measured, or kReferenceSpeechLufs for silent narration
  bool speech_measured = false;
  double music_lufs = 0.0;
  double gain_db = 0.0;  // applied to the music where nobody speaks
};

// Silent narration (a music-only video) puts the bed relative to this: a common
// loudness for speech on mobile and streaming platforms.
constexpr double kReferenceSpeechLufs = -16.0;
// A bed that needs more than this is left that much short (its noise would come up too).
constexpr double kMaxMusicGainDb = 30.0;

// The gain that puts the music `bed_lu` LU from the narration (-15: 15 LU under it).
MusicLevel music_level(double speech_lufs, double music_lufs, double bed_lu);

}  // namespace reelflow::compositor
