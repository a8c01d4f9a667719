#include "publishing.hpp"

#include "text_tools.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace reelflow::llm_script {
namespace {

// Words that make poor tags on their own ("how", "the", "make").
constexpr std::array<std::string_view, 48> kPlainWords = {
    "a",    "an",   "the",  "and",   "or",    "but",  "of",   "to",   "in",    "on",    "at",    "by",
    "for",  "from", "with", "about", "into",  "how",  "why",  "what", "when",  "where", "who",   "which",
    "is",   "are",  "was",  "were",  "be",    "do",   "does", "did",  "make",  "makes", "made",  "can",
    "will", "it",   "its",  "this",  "that",  "your", "you",  "we",   "our",   "my",    "their", "work"};

bool is_tag_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

// Letters, digits, '_' and UTF-8 sequences of a word, nothing else.
std::string tag_body(std::string_view word) {
  std::string body;
  for (char c : word)
    if (is_tag_char(static_cast<unsigned char>(c))) body += c;
  return body.substr(0, kMaxHashtagChars);
}

std::string ascii_lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Adds "#body" unless it is empty or already there (in any case); false when full.
bool add_tag(std::vector<std::string>& tags, const std::string& body) {
  if (tags.size() >= kMaxHashtags) return false;
  if (body.empty()) return true;
  const std::string lower = ascii_lower(body);
  for (const auto& tag : tags)
    if (ascii_lower(tag.substr(1)) == lower) return true;
  tags.push_back("#" + body);
  return true;
}

}  // namespace

Record to_record(const Publishing& p) {
  nlohmann::json j = {
      {"title", p.title}, {"description", p.description}, {"hashtags", p.hashtags}, {"writer", p.writer}};
  return Record{kPublishingType, j.dump()};
}

std::vector<std::string> topic_hashtags(std::string_view topic) {
  std::vector<std::string> content;
  for (const std::string& word : split_words(topic)) {
    std::string body = tag_body(word);
    const std::string lower = ascii_lower(body);
    if (body.empty() || std::find(kPlainWords.begin(), kPlainWords.end(), lower) != kPlainWords.end()) continue;
    if (std::find(content.begin(), content.end(), lower) == content.end()) content.push_back(lower);
  }
  std::vector<std::string> tags;
  // The topic's words as one tag first, as people search for it: #HoneyBees.
  if (content.size() > 1) {
    std::string joined;
    for (const auto& word : content) joined += capitalize_first(word);
    add_tag(tags, joined.substr(0, kMaxHashtagChars));
  }
  for (const auto& word : content)
    if (word.size() >= 3 && !add_tag(tags, word)) break;
  return tags;
}

std::vector<std::string> clean_hashtags(const std::vector<std::string>& raw) {
  std::vector<std::string> tags;
  for (const auto& item : raw)
    if (!add_tag(tags, tag_body(item))) break;
  return tags;
}

}  // namespace reelflow::llm_script
