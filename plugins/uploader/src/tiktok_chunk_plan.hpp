#pragma once
// How TikTok's Content Posting API wants a file cut (FILE_UPLOAD, "Media transfer
// guide"): a video under 5 MB, or under one chunk, goes as one chunk of its own size;
// otherwise every chunk is `chunk_size` (5-64 MB), total_chunk_count =
// floor(size / chunk_size), and the last chunk takes the remainder too (so it may be
// up to 128 MB). The bounds below hold whether TikTok's "MB" means 10^6 or 2^20 bytes.
#include <cstdint>

namespace reelflow::uploader {

inline constexpr std::uint64_t kTikTokMinChunk = 5u << 20;
inline constexpr std::uint64_t kTikTokMaxChunk = 64'000'000;

struct TikTokChunkPlan {
  std::uint64_t video_size = 0;
  std::uint64_t chunk_size = 0;
  std::uint64_t chunk_count = 0;

  // The plan for a file of `video_size` bytes with chunks of `chunk_size` bytes
  // (kTikTokMinChunk..kTikTokMaxChunk).
  static TikTokChunkPlan for_file(std::uint64_t video_size, std::uint64_t chunk_size);

  std::uint64_t offset(std::uint64_t index) const { return index * chunk_size; }
  std::uint64_t length(std::uint64_t index) const {
    return index + 1 == chunk_count ? video_size - offset(index) : chunk_size;
  }
};

}  // namespace reelflow::uploader
