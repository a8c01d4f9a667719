#include "note_outline.hpp"

#include "text_tools.hpp"

#include <cctype>
#include <optional>

namespace reelflow::llm_script {
namespace {

struct Line {
  std::size_t indent = 0;
  std::string text;  // without indent and trailing whitespace
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(start, end - start);
    Line line;
    while (line.indent < raw.size() && (raw[line.indent] == ' ' || raw[line.indent] == '\t')) ++line.indent;
    line.text = std::string(raw.substr(line.indent));
    while (!line.text.empty() && std::isspace(static_cast<unsigned char>(line.text.back()))) line.text.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool is_heading_or_rule(const std::string& t) {
  if (t.starts_with("#")) return true;
  bool rule = t.size() >= 3;
  for (char c : t) rule = rule && (c == '-' || c == '=' || c == '*' || c == '_' || c == ' ');
  return rule;
}

// The text after a bullet marker ("- ", "* ", "+ ", "• ", "1. ", "2) "), if the line is one.
std::optional<std::string> bullet_body(const std::string& t) {
  for (std::string_view marker : {"- ", "* ", "+ ", "\u2022 ", "\u2013 "})
    if (t.starts_with(marker)) return t.substr(marker.size());
  std::size_t digits = 0;
  while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) ++digits;
  if (digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') && t[digits + 1] == ' ')
    return t.substr(digits + 2);
  return std::nullopt;
}

// Drops Markdown that a voice must not read: **, __, `, * and link targets.
std::string strip_inline_markdown(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '*' || c == '`') continue;
    if (c == '_' && i + 1 < text.size() && text[i + 1] == '_') {
      ++i;
      continue;
    }
    if (c == ']' && i + 1 < text.size() && text[i + 1] == '(') {  // [text](url) -> text
      std::size_t close = text.find(')', i + 2);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    if (c == '[') continue;
    out.push_back(c);
  }
  return out;
}

bool starts_lowercase(const std::string& t) {
  return !t.empty() && std::islower(static_cast<unsigned char>(t.front()));
}

// A block of plain lines is a list (one point per line) when no line reads as the
// wrapped continuation of the one before it.
bool is_line_list(const std::vector<std::string>& block) {
  if (block.size() < 2) return false;
  for (std::size_t i = 1; i < block.size(); ++i) {
    const std::string& prev = block[i - 1];
    if (starts_lowercase(block[i]) || prev.back() == ',' || prev.back() == '-') return false;
  }
  return true;
}

std::optional<std::string> label_of(const std::string& text) {
  for (std::string_view mark : {": ", " - ", " \u2013 ", " \u2014 "}) {
    std::size_t pos = text.find(mark);
    if (pos == std::string::npos || pos == 0) continue;
    std::string label = collapse_whitespace(text.substr(0, pos));
    int words = count_words(label);
    if (words >= 1 && words <= 6) return label;
    return std::nullopt;
  }
  return std::nullopt;
}

NoteItem make_item(const std::string& raw) {
  NoteItem item;
  std::string text = collapse_whitespace(strip_inline_markdown(raw));
  if (auto label = label_of(text)) item.label = *label;
  for (std::string& s : split_sentences(text)) item.sentences.push_back(ensure_sentence_end(capitalize_first(s)));
  return item;
}

class OutlineReader {
 public:
  void add(const Line& line) {
    if (line.text.empty() || is_heading_or_rule(line.text)) {
      flush();
      return;
    }
    if (auto body = bullet_body(line.text)) {
      if (line.indent > 0 && in_bullet_) {
        append_to_bullet(*body);  // a sub-point belongs to its bullet
        return;
      }
      flush();
      bullet_ = *body;
      in_bullet_ = true;
      return;
    }
    if (in_bullet_) {
      bullet_ += " " + line.text;  // a wrapped bullet
      return;
    }
    block_.push_back(line.text);
  }

  std::vector<NoteItem> finish() {
    flush();
    return std::move(items_);
  }

 private:
  void append_to_bullet(const std::string& sub) {
    bullet_ = ensure_sentence_end(bullet_) + " " + capitalize_first(sub);
  }

  void flush() {
    if (in_bullet_) push(bullet_);
    in_bullet_ = false;
    bullet_.clear();
    if (is_line_list(block_)) {
      for (const std::string& line : block_) push(line);
    } else if (!block_.empty()) {
      std::string paragraph;
      for (const std::string& line : block_) paragraph += (paragraph.empty() ? "" : " ") + line;
      push(paragraph);
    }
    block_.clear();
  }

  void push(const std::string& raw) {
    NoteItem item = make_item(raw);
    if (!item.sentences.empty()) items_.push_back(std::move(item));
  }

  std::vector<NoteItem> items_;
  std::vector<std::string> block_;
  std::string bullet_;
  bool in_bullet_ = false;
};

}  // namespace

std::vector<NoteItem> parse_notes(std::string_view text) {
  OutlineReader reader;
  for (const Line& line : split_lines(text)) reader.add(line);
  return reader.finish();
}

}  // namespace reelflow::llm_script
