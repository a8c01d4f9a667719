// The byte-range headers and TikTok's chunk plan, against the documented rules.
#include "content_range.hpp"
#include "tiktok_chunk_plan.hpp"

#include <gtest/gtest.h>

namespace reelflow::uploader {
namespace {

TEST(ContentRange, NamesFirstAndLastByteAndTheTotal) {
  EXPECT_EQ(content_range(0, 262144, 1060921), "bytes 0-262143/1060921");
  EXPECT_EQ(content_range(1048576, 12345, 1060921), "bytes 1048576-1060920/1060921");
  EXPECT_EQ(unknown_content_range(1060921), "bytes */1060921");
}

TEST(ContentRange, ReceivedThroughReadsAResumeIncompleteRange) {
  EXPECT_EQ(received_through("bytes=0-362143"), 362144u);
  EXPECT_EQ(received_through("bytes=0-0"), 1u);
  EXPECT_EQ(received_through("bytes=100-200"), std::nullopt);  // a session's range always starts at 0
  EXPECT_EQ(received_through("bytes=0-"), std::nullopt);
  EXPECT_EQ(received_through("bytes=0-12x"), std::nullopt);
}

TEST(TikTokChunkPlan, FollowsTheMediaTransferGuide) {
  // TikTok's own example: 50 000 123 bytes in 10 000 000-byte chunks -> 5, the last 10 000 123.
  auto plan = TikTokChunkPlan::for_file(50'000'123, 10'000'000);
  EXPECT_EQ(plan.chunk_count, 5u);
  EXPECT_EQ(plan.length(0), 10'000'000u);
  EXPECT_EQ(plan.offset(4), 40'000'000u);
  EXPECT_EQ(plan.length(4), 10'000'123u);

  auto small = TikTokChunkPlan::for_file(3'000'000, 10u << 20);  // under 5 MB: whole
  EXPECT_EQ(small.chunk_size, 3'000'000u);
  EXPECT_EQ(small.chunk_count, 1u);

  auto under_one_chunk = TikTokChunkPlan::for_file(8'000'000, 10u << 20);  // one chunk of its size
  EXPECT_EQ(under_one_chunk.chunk_size, 8'000'000u);
  EXPECT_EQ(under_one_chunk.chunk_count, 1u);

  auto big = TikTokChunkPlan::for_file(1'000'000'000, 61u << 20);  // the last chunk stays under 128 MB
  EXPECT_EQ(big.chunk_count, 15u);
  EXPECT_LE(big.length(14), 128'000'000u);
}

}  // namespace
}  // namespace reelflow::uploader
