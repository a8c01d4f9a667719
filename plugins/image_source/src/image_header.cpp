#include "image_header.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string_view>

namespace reelflow::image_source {
namespace {

using Bytes = std::string;

std::uint32_t be16(const Bytes& b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 8) | std::uint8_t(b[at + 1]);
}
std::uint32_t be32(const Bytes& b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }
std::uint32_t le16(const Bytes& b, std::size_t at) {
  return std::uint8_t(b[at]) | (std::uint32_t(std::uint8_t(b[at + 1])) << 8);
}
std::uint32_t le24(const Bytes& b, std::size_t at) {
  return le16(b, at) | (std::uint32_t(std::uint8_t(b[at + 2])) << 16);
}
std::uint32_t le32(const Bytes& b, std::size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }

bool starts_with(const Bytes& b, std::string_view magic, std::size_t at = 0) {
  return b.size() >= at + magic.size() && std::string_view(b).substr(at, magic.size()) == magic;
}

Bytes read_at(std::ifstream& in, std::streamoff offset, std::size_t count) {
  Bytes bytes(count, '\0');
  in.clear();
  in.seekg(offset);
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

// Walks the JPEG markers to the first start-of-frame, which holds the size.
// EXIF/ICC segments before it can be large, so this seeks instead of buffering.
void read_jpeg_size(std::ifstream& in, ImageHeader& header) {
  std::streamoff pos = 2;
  for (int segments = 0; segments < 1000; ++segments) {
    Bytes marker = read_at(in, pos, 4);
    if (marker.size() < 4 || std::uint8_t(marker[0]) != 0xFF) return;
    const std::uint8_t code = std::uint8_t(marker[1]);
    if (code == 0xFF) {  // fill byte
      pos += 1;
      continue;
    }
    if (code == 0xD8 || code == 0x01 || (code >= 0xD0 && code <= 0xD7)) {  // no length
      pos += 2;
      continue;
    }
    if (code == 0xD9 || code == 0xDA) return;  // end of image / start of scan: no frame seen
    const std::uint32_t length = be16(marker, 2);
    const bool start_of_frame = code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
    if (start_of_frame) {
      Bytes frame = read_at(in, pos + 4, 5);  // precision, height, width
      if (frame.size() < 5) return;
      header.height = static_cast<std::int64_t>(be16(frame, 1));
      header.width = static_cast<std::int64_t>(be16(frame, 3));
      return;
    }
    if (length < 2) return;
    pos += 2 + length;
  }
}

void read_webp_size(const Bytes& b, ImageHeader& header) {
  if (starts_with(b, "VP8X", 12) && b.size() >= 30) {
    header.width = static_cast<std::int64_t>(le24(b, 24) + 1);
    header.height = static_cast<std::int64_t>(le24(b, 27) + 1);
  } else if (starts_with(b, "VP8L", 12) && b.size() >= 25) {
    const std::uint32_t bits = le32(b, 21);
    header.width = static_cast<std::int64_t>((bits & 0x3FFF) + 1);
    header.height = static_cast<std::int64_t>(((bits >> 14) & 0x3FFF) + 1);
  } else if (starts_with(b, "VP8 ", 12) && b.size() >= 30) {
    header.width = static_cast<std::int64_t>(le16(b, 26) & 0x3FFF);
    header.height = static_cast<std::int64_t>(le16(b, 28) & 0x3FFF);
  }
}

// TIFF keeps the size in tags 256 (width) and 257 (height) of its first IFD,
// wherever in the file that is.
void read_tiff_size(std::ifstream& in, const Bytes& start, ImageHeader& header) {
  const bool little = start[0] == 'I';
  auto u16 = [little](const Bytes& b, std::size_t at) { return little ? le16(b, at) : be16(b, at); };
  auto u32 = [little](const Bytes& b, std::size_t at) { return little ? le32(b, at) : be32(b, at); };
  if (start.size() < 8) return;
  const std::uint32_t ifd = u32(start, 4);
  const Bytes count_bytes = read_at(in, ifd, 2);
  if (count_bytes.size() < 2) return;
  const std::uint32_t count = std::min<std::uint32_t>(u16(count_bytes, 0), 1024);
  const Bytes entries = read_at(in, std::streamoff(ifd) + 2, std::size_t(count) * 12);
  for (std::size_t at = 0; at + 12 <= entries.size(); at += 12) {
    const std::uint32_t tag = u16(entries, at), type = u16(entries, at + 2);
    if (tag != 256 && tag != 257) continue;
    const std::int64_t value = type == 3 ? u16(entries, at + 8) : type == 4 ? u32(entries, at + 8) : 0;
    (tag == 256 ? header.width : header.height) = value;
  }
}

}  // namespace

ImageHeader read_image_header(const std::filesystem::path& file) {
  ImageHeader header;
  std::ifstream in(file, std::ios::binary);
  if (!in) return header;
  const Bytes b = read_at(in, 0, 64);

  if (starts_with(b, "\xFF\xD8\xFF")) {
    header.format = "JPEG";
    header.extension = "jpg";
    read_jpeg_size(in, header);
  } else if (starts_with(b, "\x89PNG\r\n\x1A\n") && b.size() >= 24) {
    header.format = "PNG";
    header.extension = "png";
    header.width = static_cast<std::int64_t>(be32(b, 16));
    header.height = static_cast<std::int64_t>(be32(b, 20));
  } else if (starts_with(b, "RIFF") && starts_with(b, "WEBP", 8)) {
    header.format = "WebP";
    header.extension = "webp";
    read_webp_size(b, header);
  } else if (starts_with(b, "BM") && b.size() >= 26) {
    header.format = "BMP";
    header.extension = "bmp";
    header.width = static_cast<std::int64_t>(le32(b, 18));
    header.height = std::abs(std::int64_t{static_cast<std::int32_t>(le32(b, 22))});  // negative: top-down rows
  } else if (starts_with(b, "II*") || starts_with(b, std::string_view("MM\0*", 4))) {
    header.format = "TIFF";
    header.extension = "tif";
    read_tiff_size(in, b, header);
  }
  return header;
}

}  // namespace reelflow::image_source
