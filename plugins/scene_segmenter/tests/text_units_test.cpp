// Sentence, paragraph and clause splitting, captions and keywords.
#include "caption_phrase.hpp"
#include "clause_splitter.hpp"
#include "paragraph_splitter.hpp"
#include "sentence_splitter.hpp"
#include "visual_keywords.hpp"
#include "word_tokens.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ss = reelflow::scene_segmenter;
using Strings = std::vector<std::string>;

TEST(SentenceSplitter, SplitsAtTerminatorsButNotAtAbbreviationsOrDecimals) {
  EXPECT_EQ(ss::split_sentences("Dr. Smith arrived at 3.5 p.m. on Monday. He said hello! Did it work? Yes."),
            (Strings{"Dr. Smith arrived at 3.5 p.m. on Monday.", "He said hello!", "Did it work?", "Yes."}));
  EXPECT_EQ(ss::split_sentences("Fruits, e.g. apples and pears, are healthy. I like them, i.e. all of them."),
            (Strings{"Fruits, e.g. apples and pears, are healthy.", "I like them, i.e. all of them."}));
  EXPECT_EQ(ss::split_sentences("Prices rose 3.5% in 2020. Mr. and Mrs. Lee vs. the city won."),
            (Strings{"Prices rose 3.5% in 2020.", "Mr. and Mrs. Lee vs. the city won."}));
  EXPECT_EQ(ss::split_sentences("J. K. Rowling wrote it. See No. 5 and Fig. 2 for details. He was taller than I. So."),
            (Strings{"J. K. Rowling wrote it.", "See No. 5 and Fig. 2 for details.", "He was taller than I.", "So."}));
}

TEST(SentenceSplitter, HandlesEllipsesQuotesAndRunsOfPunctuation) {
  EXPECT_EQ(ss::split_sentences("Wait... what happened? Then... Silence. Really?! Yes!!"),
            (Strings{"Wait... what happened?", "Then...", "Silence.", "Really?!", "Yes!!"}));
  EXPECT_EQ(ss::split_sentences("Hmm\xE2\x80\xA6 Maybe. \"Why?\" she asked. \"Because.\" He left."),
            (Strings{"Hmm\xE2\x80\xA6", "Maybe.", "\"Why?\" she asked.", "\"Because.\"", "He left."}));
  EXPECT_EQ(ss::split_sentences("He asked \xE2\x80\x9Cwhy?\xE2\x80\x9D and left. The end"),
            (Strings{"He asked \xE2\x80\x9Cwhy?\xE2\x80\x9D and left.", "The end"}));
  EXPECT_EQ(ss::split_sentences("They sell apples, pears, etc. and more. We buy apples, pears, etc. Then we go."),
            (Strings{"They sell apples, pears, etc. and more.", "We buy apples, pears, etc.", "Then we go."}));
}

TEST(SentenceSplitter, BlankLinesEndSentencesAndSingleNewlinesDoNot) {
  EXPECT_EQ(ss::split_sentences("A heading without a stop\n\nFirst line\ncontinues here. Second one.\n  \n\nLast"),
            (Strings{"A heading without a stop", "First line continues here.", "Second one.", "Last"}));
  EXPECT_TRUE(ss::split_sentences(" \n\n \t").empty());
}

TEST(ParagraphSplitter, SplitsAtBlankLinesAndCollapsesWhitespace) {
  EXPECT_EQ(ss::split_paragraphs("one\ntwo  three\n\n\n four\r\n\r\nfive"),
            (Strings{"one two three", "four", "five"}));
}

TEST(ClauseSplitter, SplitsAtCommasSemicolonsAndDashesKeepingAllWords) {
  std::string sentence =
      "When the river flooded in spring, the farmers moved their herds to the hills; they waited there for "
      "weeks \xE2\x80\x94 and some never came back, so the valley stayed empty.";
  Strings clauses = ss::split_clauses(sentence);
  EXPECT_EQ(clauses, (Strings{"When the river flooded in spring,", "the farmers moved their herds to the hills;",
                              "they waited there for weeks", "\xE2\x80\x94 and some never came back,",
                              "so the valley stayed empty."}));
  std::string joined;
  for (const auto& c : clauses) joined += (joined.empty() ? "" : " ") + c;
  EXPECT_EQ(joined, sentence);
  // Fragments shorter than three words join their neighbour.
  EXPECT_EQ(ss::split_clauses("Yes, of course, we can do that today, she said."),
            (Strings{"Yes, of course,", "we can do that today, she said."}));
}

TEST(WordTokens, CountsSpokenWordsOnly) {
  EXPECT_EQ(ss::count_words("Hello, world \xE2\x80\x94 it's 3.5 degrees ... \"really\"!"), 6);
  EXPECT_EQ(ss::word_tokens("(The) cat's \"3.5\" \xE2\x80\x9C" "big\xE2\x80\x9D dogs... e.g. -- Dr."),
            (Strings{"The", "cat's", "3.5", "big", "dogs", "e.g", "Dr"}));
}

TEST(CaptionPhrase, TakesAShortLeadingPhrase) {
  EXPECT_EQ(ss::caption_phrase("The history of coffee begins in Ethiopia, where goats danced."),
            "The history of coffee begins");
  EXPECT_EQ(ss::caption_phrase("Why do cats purr?"), "Why do cats purr?");
  EXPECT_EQ(ss::caption_phrase("Coffee spread quickly, reaching Yemen by the 15th century."),
            "Coffee spread quickly");
  EXPECT_EQ(ss::caption_phrase("Yes, really, it works."), "Yes, really, it works");
  // Cut phrases drop dangling connecting words and an unmatched opening quote.
  EXPECT_EQ(ss::caption_phrase("\"Stop the ship now or we will all sink,\" he cried."), "Stop the ship");
}

TEST(VisualKeywords, PrefersRepeatedAndProperNounsAndSkipsStopwords) {
  std::string keywords =
      ss::visual_keywords("The volcano erupted. Lava flowed from the volcano toward Reykjavik's harbour.", 3);
  EXPECT_EQ(keywords, "volcano, Reykjavik, harbour");
  // A name after a title is a proper noun, not a sentence start.
  EXPECT_EQ(ss::visual_keywords("Dr. Rivera studied coffee.", 2), "Rivera, coffee");
  EXPECT_EQ(ss::visual_keywords("It is what it is, and that was that."), "");
}
