#include "stream_id.hpp"

#include <charconv>

namespace reelflow::service {
namespace {

std::optional<std::uint64_t> digits(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;  // also: '+', '-', overflow
  return value;
}

}  // namespace

std::optional<StreamId> StreamId::parse(std::string_view text) {
  if (text == "0") return StreamId{};
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto ms = digits(text.substr(0, dash));
  const auto seq = digits(text.substr(dash + 1));
  if (!ms || !seq) return std::nullopt;
  return StreamId{*ms, *seq};
}

}  // namespace reelflow::service
