#include "batch_folder_name.hpp"

#include <cstdio>

namespace reelflow::cli {
namespace {

constexpr std::size_t kMaxSlug = 40;

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string batch_folder_name(int line, const std::string& topic) {
  std::string slug;
  for (char c : topic) {
    if (slug.size() >= kMaxSlug) break;
    if (is_ascii_alnum(c)) slug += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    else if (!slug.empty() && slug.back() != '-') slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) slug = "topic";
  char number[16];
  std::snprintf(number, sizeof number, "%03d", line);
  return std::string(number) + "-" + slug;
}

}  // namespace reelflow::cli
