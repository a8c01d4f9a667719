#pragma once
// What an HLS ladder learns from its streams while they flow: each rendition's
// width (from the source's aspect, made even for the encoder) and, from its
// first SPS, the codec the master playlist names. The master is written once
// every rendition is known, so it appears with the first segments.
#include "master_playlist.hpp"

#include <gst/gst.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::av_io {

class LadderMaster {
 public:
  // `variants` with uri and bandwidth set; `audio_codec` empty for video only.
  LadderMaster(std::filesystem::path path, std::vector<VariantStream> variants, std::string audio_codec);

  // Rendition `index` is `width`x`height` coded as `video_codec`; thread-safe.
  void found(std::size_t index, int width, int height, const std::string& video_codec);
  bool written() const;
  std::string error() const;

 private:
  mutable std::mutex mutex_;
  std::filesystem::path path_;
  std::vector<VariantStream> variants_;
  std::vector<bool> known_;
  std::string audio_codec_;
  bool written_ = false;
  std::string error_;
};

// On `raw` (the rendition's raw input), sets `size_filter` to `height` and the
// even width that keeps the incoming picture's display aspect.
void fit_width_to_height(GstPad* raw, GstElement* size_filter, int height);

// On `encoded` (H.264 byte-stream), reports the first SPS and the pad's size to `master`.
void watch_first_sps(GstPad* encoded, std::shared_ptr<LadderMaster> master, std::size_t index);

}  // namespace reelflow::av_io
