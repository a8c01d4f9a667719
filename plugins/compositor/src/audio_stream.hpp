#pragma once
// Decodes any audio file GStreamer can read (WAV, MP3, Ogg, ...) to interleaved float
// PCM at the soundtrack's rate and channel count, as a stream: the decoder runs on its
// own threads a few buffers ahead of the reader and waits for it, so a clip or a music
// file costs a few buffers of memory however long it is.
#include "pcm_source.hpp"

#include <reelflow/gst_ptr.hpp>

#include <filesystem>
#include <functional>
#include <vector>

namespace reelflow::compositor {

class AudioStream : public PcmSource {
 public:
  // Starts decoding. Throws std::runtime_error naming `file` when it is missing; a file
  // that cannot be decoded throws from read().
  AudioStream(const std::filesystem::path& file, int rate, int channels);
  ~AudioStream() override;
  AudioStream(const AudioStream&) = delete;
  AudioStream& operator=(const AudioStream&) = delete;

  // Throws std::runtime_error naming the file when decoding fails.
  std::size_t read(float* out, std::size_t frames) override;

  // Reads the first samples and throws (naming the file) when there are none.
  static void check_decodable(const std::filesystem::path& file, int rate, int channels);
  // The decoded length in seconds, read to the end (for clips of unknown length).
  static double measure_s(const std::filesystem::path& file, int rate, int channels);
  // Decodes the first `max_frames` frames (or all), handing each block to `each`
  // (interleaved, frames); the frames decoded. Throws naming the file when there are none.
  static std::size_t decode_blocks(const std::filesystem::path& file, int rate, int channels, std::size_t max_frames,
                                   const std::function<void(const float*, std::size_t)>& each);

 private:
  // The next decoded buffer into pending_; false at the end of the stream.
  bool pull_next();
  void throw_if_failed();

  std::filesystem::path file_;
  int channels_;
  gst::ElementPtr pipeline_;
  gst::ElementPtr convert_;  // decodebin's audio pad is linked here once it appears
  gst::ElementPtr sink_;
  gst::BusPtr bus_;
  std::vector<float> pending_;  // decoded, not yet read
  std::size_t pending_pos_ = 0;
  bool ended_ = false;
};

}  // namespace reelflow::compositor
