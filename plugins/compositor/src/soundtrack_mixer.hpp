#pragma once
// Mixes the finished soundtrack block by block, as the encoder asks for it: each
// narration clip placed at its scene's start (cut at the scene's end), the music bed
// looped or cut to length under it with ducking and fades, and a gentle limiter so the
// sum never clips. A clip's decoder is open only while the clip plays, and the music is
// read as it goes, so memory does not grow with the video's length. The result is the
// same sample for sample however the soundtrack is cut into blocks.
#include "ducking_envelope.hpp"
#include "looping_source.hpp"
#include "pcm_source.hpp"

#include <optional>
#include <vector>

namespace reelflow::compositor {

struct PlacedClip {
  PcmSourceOpener open;  // same rate/channels as the soundtrack
  double start_s = 0.0;
  double max_s = 0.0;  // the clip is cut here (its scene's length)
};

struct MusicBed {
  PcmSourceOpener open;  // looped when it ends before the video
  DuckingEnvelope envelope;
  std::size_t seam_frames = 0;  // crossfade at each loop (LoopingSource)
};

class SoundtrackMixer {
 public:
  // Music gains are evaluated on this grid of frames and interpolated: ramps stay
  // smooth, pow() stays cheap.
  static constexpr std::size_t kGainBlock = 128;

  // `total_frames` output frames at `rate` Hz with `channels` channels.
  SoundtrackMixer(std::size_t total_frames, int rate, int channels, std::vector<PlacedClip> clips,
                  std::optional<MusicBed> music);

  // Mixes the next min(frames, remaining) frames into `out` (interleaved); returns how many.
  std::size_t mix_next(float* out, std::size_t frames);

  std::size_t position() const { return position_; }
  std::size_t total_frames() const { return total_frames_; }
  bool finished() const { return position_ >= total_frames_; }
  // Narration decoders open right now (a clip's is open only while it plays).
  std::size_t open_clip_sources() const;
  // Peak of open_clip_sources() so far.
  std::size_t peak_open_clip_sources() const { return peak_open_clips_; }

 private:
  struct ClipState {
    PcmSourceOpener open;
    std::size_t start = 0;  // first output frame
    std::size_t end = 0;    // one past the last, cut to the scene and the soundtrack
    std::unique_ptr<PcmSource> source;
    bool done = false;
  };

  void add_clip(ClipState& clip, float* out, std::size_t from, std::size_t to);
  void add_music(float* out, std::size_t from, std::size_t to);

  std::size_t total_frames_;
  int rate_;
  std::size_t channels_;
  std::vector<ClipState> clips_;
  std::optional<DuckingEnvelope> envelope_;
  std::optional<LoopingSource> music_;
  std::vector<float> scratch_;
  std::size_t position_ = 0;
  std::size_t peak_open_clips_ = 0;
};

}  // namespace reelflow::compositor
