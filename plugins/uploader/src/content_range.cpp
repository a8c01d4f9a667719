#include "content_range.hpp"

#include <charconv>

namespace reelflow::uploader {

std::string content_range(std::uint64_t first, std::uint64_t length, std::uint64_t total) {
  return "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/" + std::to_string(total);
}

std::string unknown_content_range(std::uint64_t total) { return "bytes */" + std::to_string(total); }

std::optional<std::uint64_t> received_through(std::string_view range) {
  constexpr std::string_view prefix = "bytes=0-";
  if (!range.starts_with(prefix)) return std::nullopt;
  range.remove_prefix(prefix.size());
  std::uint64_t last = 0;
  auto [end, error] = std::from_chars(range.data(), range.data() + range.size(), last);
  if (error != std::errc() || end != range.data() + range.size()) return std::nullopt;
  return last + 1;
}

}  // namespace reelflow::uploader
