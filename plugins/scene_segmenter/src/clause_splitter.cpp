#include "clause_splitter.hpp"

#include "text_scan.hpp"
#include "word_tokens.hpp"

namespace reelflow::scene_segmenter {
namespace {

bool is_dash(std::string_view token) {
  return token == "-" || token == "--" || token == "\xE2\x80\x94" || token == "\xE2\x80\x93";
}

}  // namespace

std::vector<std::string> split_clauses(std::string_view sentence, int min_words) {
  std::vector<std::string> pieces;
  std::string current;
  for (std::string_view token : split_whitespace(sentence)) {
    if (is_dash(token) && !current.empty()) {  // "it rose — and fell": the dash opens a clause
      pieces.push_back(std::move(current));
      current.clear();
    }
    if (!current.empty()) current.push_back(' ');
    current.append(token);
    if (ends_with_clause_break(token)) {
      pieces.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) pieces.push_back(std::move(current));

  // Fold pieces that are too short to stand alone into the next one (the last into the previous).
  std::vector<std::string> clauses;
  std::string carry;
  for (auto& piece : pieces) {
    std::string joined = carry.empty() ? std::move(piece) : carry + " " + piece;
    carry.clear();
    if (count_words(joined) < min_words) {
      carry = std::move(joined);
    } else {
      clauses.push_back(std::move(joined));
    }
  }
  if (!carry.empty()) {
    if (clauses.empty()) {
      clauses.push_back(std::move(carry));
    } else {
      clauses.back() += " " + carry;
    }
  }
  return clauses;
}

}  // namespace reelflow::scene_segmenter
