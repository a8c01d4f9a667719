#pragma once
// Reads free-form notes (a Markdown-ish outline, bullet list, one point per line,
// or paragraphs) into the points a script can be built from, in order.
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script {

// One point of the notes: a bullet (with its sub-bullets), a line of a
// one-point-per-line list, or a paragraph.
struct NoteItem {
  std::string label;                   // "Event horizon" from "Event horizon: the point of no return"
  std::vector<std::string> sentences;  // full sentences: capitalized, ending in . ! or ?
};

// Headings ("# ...") and rules ("---") only separate points; Markdown emphasis,
// inline code marks and link targets are dropped.
std::vector<NoteItem> parse_notes(std::string_view text);

}  // namespace reelflow::llm_script
