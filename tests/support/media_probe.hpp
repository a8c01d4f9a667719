#pragma once
// Facts about a media file, read by decoding it with GStreamer's discoverer.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::testing {

struct MediaInfo {
  double duration_s = 0.0;
  bool has_video = false;
  bool has_audio = false;
  int width = 0;
  int height = 0;
  double fps = 0.0;
  std::string container;    // caps name, e.g. "video/quicktime"
  std::string video_codec;  // caps name, e.g. "video/x-h264"
  std::string audio_codec;  // e.g. "audio/mpeg"
  int audio_rate = 0;
  int audio_channels = 0;
};

// nullopt (and a message in *error) when the file cannot be discovered.
std::optional<MediaInfo> probe_media(const std::filesystem::path& file, std::string* error = nullptr);

// Decodes the video frame at `time_s` to packed RGB (width*height*3 bytes).
struct RgbFrame {
  int width = 0;
  int height = 0;
  std::string pixels;
};
std::optional<RgbFrame> decode_frame_at(const std::filesystem::path& file, double time_s);
// Decodes a still picture (PNG, JPEG) to packed RGB.
std::optional<RgbFrame> decode_picture(const std::filesystem::path& file);

// How many video frames the file decodes to; -1 when it does not decode to its end.
int decoded_video_frames(const std::filesystem::path& file);

// The file's audio, decoded to mono float at `rate` Hz (empty when it has none).
std::vector<float> decode_audio_mono(const std::filesystem::path& file, int rate = 48000);
// RMS in dBFS of the samples in [from_s, to_s); -200 for digital silence.
double rms_db(const std::vector<float>& mono, double from_s, double to_s, int rate = 48000);

}  // namespace reelflow::testing
