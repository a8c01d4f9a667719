#pragma once
// The Range header of a download (RFC 9110 §14), one range per request: a list of
// ranges would let a small request ask for the same bytes many times over.
#include <cstdint>
#include <string_view>

namespace reelflow::service {

struct RangeRequest {
  enum class Kind {
    Whole,          // no Range header, or another unit than bytes: 200 with everything
    Single,         // 206 with [first, first + length)
    Unsatisfiable,  // 416: malformed, or nothing of the file in it
    Multiple,       // 416: more than one range
  };
  Kind kind = Kind::Whole;
  std::uint64_t first = 0;
  std::uint64_t length = 0;
};

RangeRequest parse_range(std::string_view header, std::uint64_t size);

}  // namespace reelflow::service
