#pragma once
// The encode stages' params, read once, and what follows from them: the caps
// each output carries and the combinations the check refuses.
#include <reelflow/param.hpp>
#include <reelflow/stage_spec.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace reelflow::encode {

struct EncodeOptions {
  bool h265 = false;
  bool opus = false;
  bool quality_mode = false;  // rate_control: quality (constant quality) instead of an average bitrate
  std::int64_t bitrate_kbps = 0;
  std::int64_t quality = 0;
  std::int64_t max_bitrate_kbps = 0;  // rate_control: quality: the VBV cap; 0: the encoder's own
  std::int64_t gop = 0;
  std::string preset;
  std::string tune;  // none, zerolatency, film
  std::int64_t threads = 0;
  std::string hardware;       // auto, off, require
  std::string stream_format;  // auto, packetized, byte-stream
  std::int64_t audio_bitrate_kbps = 0;

  static EncodeOptions from(const ParamSet& params);
  // gop, preset, tune, threads, hardware: what every H.264/H.265 encode shares (hls_ladder too).
  void read_tuning(const ParamSet& params);
};

void declare_params(StageSpec& spec, bool with_audio);
// gop, preset, tune, threads, hardware (part of declare_params).
void declare_tuning_params(StageSpec& spec);

// e.g. "video/x-h264,alignment=au,stream-format=avc"
std::string video_caps(const EncodeOptions& options);
// "audio/mpeg,mpegversion=4,stream-format=raw" or "audio/x-opus"
std::string audio_caps(const EncodeOptions& options);

// Calls `error(param, message)` for each combination that cannot work.
void check_options(const EncodeOptions& options, const std::function<void(const char*, std::string)>& error);

}  // namespace reelflow::encode
