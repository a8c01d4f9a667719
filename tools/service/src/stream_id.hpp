#pragma once
// A Redis stream entry id, "<ms>-<seq>" (or "0": the start). SSE cursors come from
// clients (Last-Event-ID, ?after=), so they are parsed here before Redis sees one:
// a malformed id is the client's 400, not an error reply from Redis.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reelflow::service {

struct StreamId {
  std::uint64_t ms = 0;
  std::uint64_t seq = 0;

  // "0", or two runs of decimal digits joined by '-', each fitting 64 bits.
  static std::optional<StreamId> parse(std::string_view text);
  std::string to_string() const { return std::to_string(ms) + "-" + std::to_string(seq); }
  auto operator<=>(const StreamId&) const = default;
};

}  // namespace reelflow::service
