#include "tiktok_chunk_plan.hpp"

namespace reelflow::uploader {

TikTokChunkPlan TikTokChunkPlan::for_file(std::uint64_t video_size, std::uint64_t chunk_size) {
  if (video_size < kTikTokMinChunk || video_size < chunk_size) return {video_size, video_size, 1};
  return {video_size, chunk_size, video_size / chunk_size};
}

}  // namespace reelflow::uploader
