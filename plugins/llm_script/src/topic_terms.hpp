#pragma once
// What a topic is about, from its own words: "How honey bees make honey" has the
// subject "honey bees", the action "make honey" and the key words honey, bees;
// "The history of coffee" has the subject "coffee" and the facet "history". The
// offline writer builds topic sentences from these (topic_phrases.hpp).
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script {

struct TopicTerms {
  std::string subject;                // the main noun phrase, never empty
  std::string action;                 // what the subject does ("make honey"), may be empty
  std::string facet;                  // the side of it the topic asks about ("history"), may be empty
  std::vector<std::string> keywords;  // content words in order, no repeats (at least one)
  bool plural = false;                // "bees are" rather than "coffee is"
};

TopicTerms analyse_topic(std::string_view topic);

}  // namespace reelflow::llm_script
