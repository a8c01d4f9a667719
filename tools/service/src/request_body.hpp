#pragma once
// A request's body, read by the route through httplib's ContentReader and counted
// as it arrives, chunked or not, after any Content-Encoding: past `limit` bytes the
// reading stops, instead of after the whole body is in memory.
#include <httplib.h>

#include <cstddef>
#include <string>
#include <variant>

namespace reelflow::service {

struct BodyTooLarge {};
struct BodyUnreadable {};  // the client stopped sending, or sent no valid framing

std::variant<std::string, BodyTooLarge, BodyUnreadable> read_body(const httplib::ContentReader& reader,
                                                                    std::size_t limit);

}  // namespace reelflow::service
