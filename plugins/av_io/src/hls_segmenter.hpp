#pragma once
// What hls_sink and hls_ladder share: the segmenting params (dir, segment_s,
// playlist_length, max_files), their check, an hlssink2 writing
// segment%05d.ts + index.m3u8 into a folder, and the end-of-stream check.
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>

#include <gst/gst.h>

#include <filesystem>

namespace reelflow::av_io {

void declare_segment_params(StageSpec& spec);
void check_segment_params(const ParamSet& params, CheckReport& report);

// An hlssink2 in `bin` writing into `folder` (created); its playlist is folder/index.m3u8.
GstElement* add_hls_segmenter(GstElement* bin, const ParamSet& params, const std::filesystem::path& folder);

inline std::filesystem::path playlist_in(const std::filesystem::path& folder) { return folder / "index.m3u8"; }

// An error naming the playlist unless it ends with #EXT-X-ENDLIST (hlssink2 writes it at EOS).
Status check_playlist_ended(const char* stage_type, const std::filesystem::path& playlist);

}  // namespace reelflow::av_io
