#include "byte_range.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace reelflow::service {
namespace {

using Kind = RangeRequest::Kind;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> number(std::string_view s) {
  std::uint64_t value = 0;
  if (s.empty() || s.size() > 20) return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

RangeRequest unsatisfiable() { return {Kind::Unsatisfiable, 0, 0}; }

}  // namespace

RangeRequest parse_range(std::string_view header, std::uint64_t size) {
  header = trim(header);
  if (header.empty()) return {};
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit) return {};  // a unit we do not serve: ignored
  const std::string_view spec = trim(header.substr(kUnit.size()));
  if (spec.find(',') != std::string_view::npos) return {Kind::Multiple, 0, 0};
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return unsatisfiable();
  const std::string_view first_text = trim(spec.substr(0, dash));
  const std::string_view last_text = trim(spec.substr(dash + 1));

  if (first_text.empty()) {  // "-N": the last N bytes
    const auto suffix = number(last_text);
    if (!suffix || *suffix == 0 || size == 0) return unsatisfiable();
    const std::uint64_t length = std::min(*suffix, size);
    return {Kind::Single, size - length, length};
  }
  const auto first = number(first_text);
  if (!first || *first >= size) return unsatisfiable();
  std::uint64_t last = size - 1;
  if (!last_text.empty()) {
    const auto given = number(last_text);
    if (!given || *given < *first) return unsatisfiable();
    last = std::min(*given, size - 1);
  }
  return {Kind::Single, *first, last - *first + 1};
}

}  // namespace reelflow::service
