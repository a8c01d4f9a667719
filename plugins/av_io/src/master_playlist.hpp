#pragma once
// The HLS master playlist of a ladder: one #EXT-X-STREAM-INF per rendition,
// pointing at the rendition's own media playlist. Written atomically.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::av_io {

struct VariantStream {
  std::string uri;  // relative to the master: "720p/index.m3u8"
  std::int64_t bandwidth = 0;  // bit/s
  int width = 0;
  int height = 0;
  std::string codecs;  // RFC 6381: "avc1.64001f,mp4a.40.2"
};

std::string master_playlist_text(const std::vector<VariantStream>& variants);
void write_master_playlist(const std::filesystem::path& path, const std::vector<VariantStream>& variants);

// profile_idc, constraint flags and level_idc of the first H.264 SPS in Annex B
// bytes (what RFC 6381's avc1.PPCCLL names); nullopt when there is none.
std::optional<std::array<std::uint8_t, 3>> find_sps_profile(const std::uint8_t* data, std::size_t size);
// "avc1.64001f"
std::string avc1_codec(const std::array<std::uint8_t, 3>& profile);

}  // namespace reelflow::av_io
