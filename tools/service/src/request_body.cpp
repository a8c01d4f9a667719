#include "request_body.hpp"

namespace reelflow::service {

std::variant<std::string, BodyTooLarge, BodyUnreadable> read_body(const httplib::ContentReader& reader,
                                                                    std::size_t limit) {
  std::string body;
  bool too_large = false;
  const bool complete = reader([&](const char* data, size_t length) {
    if (length > limit - body.size()) {
      too_large = true;
      return false;
    }
    body.append(data, length);
    return true;
  });
  if (too_large) return BodyTooLarge{};
  if (!complete) return BodyUnreadable{};
  return body;
}

}  // namespace reelflow::service
