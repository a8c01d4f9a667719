#include "visual_keywords.hpp"

#include "sentence_splitter.hpp"
#include "stopwords.hpp"
#include "text_scan.hpp"
#include "word_tokens.hpp"

#include <algorithm>
#include <vector>

namespace reelflow::scene_segmenter {
namespace {

constexpr std::size_t kMinLetters = 3;
constexpr double kProperNounBonus = 1.5;  // a capital inside a sentence usually names a thing
constexpr double kLengthBonusPerLetter = 0.05;  // longer words tend to be more specific
constexpr double kVerbFormPenalty = 0.5;        // "erupted", "running" are more often actions than things

struct Candidate {
  std::string key;      // lower case, singular
  std::string display;  // as written when it is a proper noun, else lower case
  double score = 0.0;
  std::size_t first_seen = 0;
};

bool is_number(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return is_digit(c) || c == '.' || c == ','; });
}

bool looks_like_adverb(std::string_view lower) { return lower.size() > 4 && lower.ends_with("ly"); }
bool looks_like_verb_form(std::string_view lower) {
  return lower.size() > 5 && (lower.ends_with("ed") || lower.ends_with("ing"));
}

// "bans" and "ban" are one keyword (a crude plural fold; "glass" keeps its s).
std::string keyword_key(std::string lower) {
  if (lower.size() > 3 && lower.ends_with('s') && !lower.ends_with("ss")) lower.pop_back();
  return lower;
}

// "Earth's" -> "Earth": the possessive names the same thing.
std::string_view without_possessive(std::string_view word) {
  for (std::string_view suffix : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
    if (word.size() > suffix.size() && word.ends_with(suffix)) return word.substr(0, word.size() - suffix.size());
  return word;
}

}  // namespace

std::string visual_keywords(std::string_view narration, int max_keywords) {
  std::vector<Candidate> candidates;
  std::size_t position = 0;
  for (const std::string& sentence : split_sentences(narration)) {
    std::vector<std::string> words = word_tokens(sentence);
    for (std::size_t i = 0; i < words.size(); ++i, ++position) {
      std::string word(without_possessive(words[i]));
      std::string lower = to_lower_ascii(word);
      if (lower.size() < kMinLetters || is_stopword(lower) || is_number(lower) || looks_like_adverb(lower)) continue;
      bool proper = i > 0 && is_ascii_upper(word.front());
      std::string key = keyword_key(lower);
      auto it = std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.key == key; });
      if (it == candidates.end()) {
        double prior = kLengthBonusPerLetter * static_cast<double>(std::min<std::size_t>(lower.size(), 12)) -
                       (looks_like_verb_form(lower) ? kVerbFormPenalty : 0.0);
        candidates.push_back(Candidate{key, lower, prior, position});
        it = candidates.end() - 1;
      }
      it->score += 1.0;
      if (proper && !is_ascii_upper(it->display.front())) {
        it->display = word;
        it->score += kProperNounBonus;
      }
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.score > b.score;
  });
  if (static_cast<int>(candidates.size()) > max_keywords) candidates.resize(static_cast<std::size_t>(max_keywords));
  // Back in narration order, which reads more naturally as a description.
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.first_seen < b.first_seen; });
  std::string out;
  for (const Candidate& c : candidates) {
    if (!out.empty()) out += ", ";
    out += c.display;
  }
  return out;
}

}  // namespace reelflow::scene_segmenter
