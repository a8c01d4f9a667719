#include "stopwords.hpp"

#include <algorithm>
#include <array>

namespace reelflow::scene_segmenter {
namespace {

constexpr std::array<std::string_view, 263> kStopwords = {
    "a", "about", "above", "after", "again", "against", "ago", "all", "almost", "also", "although",
    "always", "am", "among", "an", "and", "another", "any", "anybody", "anyone", "anything", "are",
    "around", "as", "at", "away", "back", "be", "became", "because", "become", "becomes", "been",
    "before", "being", "below", "between", "both", "but", "by", "came", "can", "can't", "come",
    "comes", "could", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "done", "down",
    "during", "each", "either", "else", "enough", "even", "ever", "every", "everyone", "everything",
    "few", "find", "first", "for", "found", "from", "further", "get", "gets", "give", "given", "go",
    "goes", "going", "gone", "got", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "isn't",
    "it", "it's", "its", "itself", "just", "keep", "kind", "know", "known", "last", "later",
    "least", "less", "let", "like", "look", "lot", "lots", "made", "make", "makes", "making",
    "many", "may", "maybe", "me", "might", "more", "most", "much", "must", "my", "myself", "near",
    "need", "never", "new", "next", "no", "nobody", "none", "nor", "not", "nothing", "now", "of",
    "off", "often", "okay", "on", "once", "one", "ones", "only", "or", "other", "others", "our",
    "ours", "out", "over", "own", "perhaps", "put", "quite", "rather", "really", "right", "said",
    "same", "say", "says", "see", "seen", "she", "should", "since", "so", "some", "somebody",
    "someone", "something", "soon", "sort", "still", "such", "take", "takes", "than", "that",
    "that's", "the", "their", "theirs", "them", "then", "there", "there's", "these", "they",
    "they're", "thing", "things", "think", "this", "those", "though", "through", "thus", "to",
    "today", "together", "too", "took", "toward", "towards", "two", "under", "until", "up", "upon",
    "us", "use", "used", "very", "want", "was", "way", "we", "we're", "well", "went", "were",
    "what", "whatever", "when", "whenever", "where", "wherever", "whether", "which", "while", "who",
    "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without", "won't",
    "would", "yeah", "yes", "yet", "you", "you're", "your", "yours", "yourself",
};
static_assert(std::is_sorted(kStopwords.begin(), kStopwords.end()), "kStopwords must stay sorted");

}  // namespace

bool is_stopword(std::string_view lower_word) {
  return std::binary_search(kStopwords.begin(), kStopwords.end(), lower_word);
}

}  // namespace reelflow::scene_segmenter
