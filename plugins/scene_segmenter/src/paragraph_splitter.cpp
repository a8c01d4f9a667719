#include "paragraph_splitter.hpp"

#include "text_scan.hpp"

namespace reelflow::scene_segmenter {

std::vector<std::string> split_paragraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  auto flush = [&] {
    std::string p = collapse_whitespace(current);
    if (!p.empty()) paragraphs.push_back(std::move(p));
    current.clear();
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (trim(line).empty()) {
      flush();
    } else {
      current.append(line);
      current.push_back('\n');
    }
    pos = end + 1;
  }
  flush();
  return paragraphs;
}

}  // namespace reelflow::scene_segmenter
