#include "topic_terms.hpp"

#include "text_tools.hpp"

#include <algorithm>
#include <cctype>

namespace reelflow::llm_script {
namespace {

std::string lower(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

bool in(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Question words, auxiliaries and articles that open a topic but say nothing about it.
bool is_opener(const std::string& w) {
  return in(w, {"how", "why", "what", "when", "where", "who", "which", "is", "are", "was", "were", "do", "does",
                "did", "can", "could", "should", "will", "would", "the", "a", "an", "my", "your", "our", "about"});
}

bool is_function_word(const std::string& w) {
  return is_opener(w) || in(w, {"of", "and", "or", "in", "on", "at", "to", "for", "from", "with", "by", "into",
                                "its", "their", "it", "they", "that", "this", "these", "those", "than", "so",
                                "really", "actually", "exactly", "you", "we", "us", "not", "no", "very"});
}

// Verbs topics are phrased with; a word after the subject ending in these reads as a verb.
bool is_verb(const std::string& w) {
  return in(w, {"make", "makes", "work", "works", "form", "forms", "grow", "grows", "change", "changes", "move",
                "moves", "fly", "flies", "live", "lives", "build", "builds", "become", "becomes", "affect",
                "affects", "help", "helps", "shape", "shapes", "sleep", "sleeps", "eat", "eats", "talk", "talks",
                "see", "sees", "learn", "learns", "erupt", "erupts", "happen", "happens", "survive", "survives",
                "communicate", "communicates", "use", "uses", "keep", "keeps", "turn", "turns", "get", "gets",
                "fall", "falls", "stay", "stays", "die", "dies", "begin", "begins", "started", "began", "changed",
                "evolved", "evolve", "evolves", "matter", "matters", "run", "runs", "power", "powers"});
}

// "Coffee" stays as written if the topic capitalised it mid-phrase (a name); an
// opening capital is lowered unless the whole word is upper case (an acronym).
std::string as_written(const std::string& word, bool first) {
  if (!first || word.size() < 2) return word;
  bool acronym = std::all_of(word.begin(), word.end(), [](char c) { return !std::islower(static_cast<unsigned char>(c)); });
  return acronym ? word : lower(word.substr(0, 1)) + word.substr(1);
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

bool looks_plural(const std::string& noun) {
  const std::string w = lower(noun);
  return w.size() > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is");
}

}  // namespace

TopicTerms analyse_topic(std::string_view topic) {
  std::vector<std::string> words;
  for (const std::string& w : split_words(topic)) {
    std::string clean;
    for (char c : w)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '\'' || (c & 0x80)) clean += c;
    if (!clean.empty()) words.push_back(as_written(clean, words.empty()));
  }
  std::size_t start = 0;
  while (start + 1 < words.size() && is_opener(lower(words[start]))) ++start;

  TopicTerms terms;
  // The subject runs up to the first verb or function word; "X of Y" makes Y the subject and X the facet.
  std::size_t end = start;
  while (end < words.size() && !is_verb(lower(words[end])) && !is_function_word(lower(words[end]))) ++end;
  if (end == start) end = std::min(words.size(), start + 1);
  terms.subject = join(words, start, end);
  std::size_t rest = end;
  if (rest + 1 < words.size() && lower(words[rest]) == "of") {
    terms.facet = terms.subject;
    std::size_t from = rest + 1;
    while (from + 1 < words.size() && is_function_word(lower(words[from]))) ++from;
    std::size_t to = from;
    while (to < words.size() && !is_verb(lower(words[to])) && !is_function_word(lower(words[to]))) ++to;
    terms.subject = join(words, from, std::max(to, from + 1));
    rest = std::max(to, from + 1);
  }
  if (rest < words.size() && is_verb(lower(words[rest]))) terms.action = join(words, rest, words.size());
  if (terms.subject.empty()) terms.subject = std::string(topic);

  const std::vector<std::string> subject_words = split_words(terms.subject);
  terms.plural = !subject_words.empty() && looks_plural(subject_words.back());
  for (const std::string& w : words) {
    std::string l = lower(w);
    if (is_function_word(l) || is_verb(l) || l.size() < 3) continue;
    if (std::none_of(terms.keywords.begin(), terms.keywords.end(), [&](const std::string& k) { return lower(k) == l; }))
      terms.keywords.push_back(w);
  }
  if (terms.keywords.empty()) terms.keywords.push_back(terms.subject);
  return terms;
}

}  // namespace reelflow::llm_script
