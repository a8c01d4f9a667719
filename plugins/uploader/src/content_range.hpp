#pragma once
// The byte-range headers of chunked uploads: Content-Range on each chunk (YouTube,
// TikTok) and the Range a resumable session reports as received (YouTube's 308).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reelflow::uploader {

// "bytes 0-262143/1048576": `length` bytes from `first` of a `total`-byte file (length > 0).
std::string content_range(std::uint64_t first, std::uint64_t length, std::uint64_t total);

// "bytes */1048576": asks a resumable session how much it has.
std::string unknown_content_range(std::uint64_t total);

// How many bytes a "bytes=0-N" Range header says were received (N + 1); nullopt when
// it isn't one range starting at 0.
std::optional<std::uint64_t> received_through(std::string_view range);

}  // namespace reelflow::uploader
