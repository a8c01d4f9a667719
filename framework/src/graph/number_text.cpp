#include "graph/number_text.hpp"

namespace reelflow::framework {
namespace {

// Consumes one or more digits at `pos`; false when there are none.
bool digits(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  return pos > start;
}

}  // namespace

bool is_integer_text(std::string_view text) {
  std::size_t pos = !text.empty() && text[0] == '-' ? 1 : 0;
  return digits(text, pos) && pos == text.size();
}

bool is_number_text(std::string_view text) {
  std::size_t pos = !text.empty() && text[0] == '-' ? 1 : 0;
  if (!digits(text, pos)) return false;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    if (!digits(text, pos)) return false;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
    if (!digits(text, pos)) return false;
  }
  return pos == text.size();
}

}  // namespace reelflow::framework
