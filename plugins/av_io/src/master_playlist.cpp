#include "master_playlist.hpp"

#include <reelflow/atomic_file.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reelflow::av_io {

std::string master_playlist_text(const std::vector<VariantStream>& variants) {
  std::ostringstream text;
  text << "#EXTM3U\n#EXT-X-VERSION:3\n";
  for (const auto& v : variants)
    text << "#EXT-X-STREAM-INF:BANDWIDTH=" << v.bandwidth << ",RESOLUTION=" << v.width << 'x' << v.height
         << ",CODECS=\"" << v.codecs << "\"\n"
         << v.uri << '\n';
  return text.str();
}

void write_master_playlist(const std::filesystem::path& path, const std::vector<VariantStream>& variants) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temp_path());
    out << master_playlist_text(variants);
    if (!out.flush()) throw std::runtime_error("cannot write " + file.temp_path().string());
  }
  file.commit();
}

std::optional<std::array<std::uint8_t, 3>> find_sps_profile(const std::uint8_t* data, std::size_t size) {
  // A start code 00 00 01, then a NAL header whose type (low 5 bits) is 7 (SPS).
  for (std::size_t i = 0; i + 6 < size; ++i)
    if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 && (data[i + 3] & 0x1f) == 7)
      return std::array<std::uint8_t, 3>{data[i + 4], data[i + 5], data[i + 6]};
  return std::nullopt;
}

std::string avc1_codec(const std::array<std::uint8_t, 3>& profile) {
  char text[16];
  std::snprintf(text, sizeof text, "avc1.%02x%02x%02x", profile[0], profile[1], profile[2]);
  return text;
}

}  // namespace reelflow::av_io
