#include "caption_phrase.hpp"

#include "stopwords.hpp"
#include "text_scan.hpp"

#include <vector>

namespace reelflow::scene_segmenter {
namespace {

// A clause shorter than this reads as a fragment ("Yes,"), so the caption goes on past it.
constexpr int kMinClauseWords = 3;

// Keeps a final ? or ! (it is part of the phrase's meaning), drops other trailing punctuation.
std::string tidy_last(std::string_view token) {
  std::string_view core = strip_punctuation(token);
  std::string_view rest = strip_trailing_closers(token);
  bool question = !rest.empty() && rest.back() == '?';
  bool exclaim = !rest.empty() && rest.back() == '!';
  std::size_t offset = core.empty() ? 0 : static_cast<std::size_t>(core.data() - token.data());
  std::string out(token.substr(0, offset + core.size()));
  if (question) out.push_back('?');
  if (exclaim) out.push_back('!');
  return out;
}

}  // namespace

std::string caption_phrase(std::string_view sentence, int max_words) {
  std::vector<std::string_view> tokens = split_whitespace(sentence);
  std::vector<std::string_view> kept;
  bool truncated = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (static_cast<int>(kept.size()) == max_words) {
      truncated = true;
      break;
    }
    kept.push_back(tokens[i]);
    if (ends_with_clause_break(tokens[i]) && static_cast<int>(kept.size()) >= kMinClauseWords) {
      truncated = i + 1 < tokens.size();
      break;
    }
  }
  // A cut phrase should not end on a connecting word ("The history of the").
  while (truncated && kept.size() > 2 && is_stopword(to_lower_ascii(strip_punctuation(kept.back()))))
    kept.pop_back();
  // Drop leading/trailing tokens that are only punctuation ("-", "...").
  while (!kept.empty() && strip_punctuation(kept.back()).empty()) kept.pop_back();
  if (kept.empty()) return {};

  std::string caption;
  for (std::size_t i = 0; i + 1 < kept.size(); ++i) {
    caption.append(kept[i]);
    caption.push_back(' ');
  }
  caption += tidy_last(kept.back());
  // An opening quote whose closing one was cut off would look broken on screen.
  std::string_view opened = caption;
  if (std::size_t n = opener_length(opened, 0); n > 0 && strip_trailing_closers(caption).size() == caption.size())
    caption.erase(0, n);
  return caption;
}

}  // namespace reelflow::scene_segmenter
