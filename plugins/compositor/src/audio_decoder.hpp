#pragma once
// Decodes any audio file GStreamer can read (WAV, MP3, Ogg, ...) to interleaved
// float PCM at the soundtrack's rate and channel count.
#include <reelflow/stage_context.hpp>

#include <filesystem>
#include <vector>

namespace reelflow::compositor {

struct PcmAudio {
  int rate = 48000;
  int channels = 2;
  std::vector<float> samples;  // interleaved
  std::size_t frames() const { return samples.size() / static_cast<std::size_t>(channels); }
  double duration_s() const { return static_cast<double>(frames()) / rate; }
};

// Throws std::runtime_error naming `file` when it is missing or has no decodable audio.
// Stops decoding after max_seconds (> 0), so long music files cost little.
PcmAudio decode_audio(StageContext& ctx, const std::filesystem::path& file, int rate, int channels,
                      double max_seconds = 0.0);

}  // namespace reelflow::compositor
