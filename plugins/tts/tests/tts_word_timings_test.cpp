// The alignment of espeak word events to written words, with event sequences
// recorded from libespeak-ng 1.51 (see word_timings.hpp for the rules).
#include "word_timings.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace reelflow::tts {
namespace {

std::vector<std::string> texts(const std::vector<WordTiming>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w.word);
  return out;
}

void expect_contiguous(const std::vector<WordTiming>& words, double end_s) {
  ASSERT_FALSE(words.empty());
  EXPECT_GE(words.front().start_s, 0.0);
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_LE(words[i].start_s, words[i].end_s) << words[i].word;
    if (i + 1 < words.size()) {
      EXPECT_DOUBLE_EQ(words[i].end_s, words[i + 1].start_s) << words[i].word;
    }
  }
  EXPECT_DOUBLE_EQ(words.back().end_s, end_s);
}

TEST(WordTimings, OneEventPerWordGivesItsStart) {
  const auto words = word_timings_from_events("Hello big world.", {{1, 5, 0}, {7, 3, 400}, {11, 5, 700}}, 1.2);
  EXPECT_EQ(texts(words), (std::vector<std::string>{"Hello", "big", "world"}));
  expect_contiguous(words, 1.2);
  EXPECT_DOUBLE_EQ(words[1].start_s, 0.4);
  EXPECT_DOUBLE_EQ(words[2].start_s, 0.7);
}

TEST(WordTimings, NumberSpokenAsTwoWordsStaysOneWrittenWord) {
  // "42" is spoken "forty two": two events, the second inside the number.
  const auto words = word_timings_from_events("rose 42 percent", {{1, 4, 0}, {6, 2, 300}, {7, 2, 500}, {9, 7, 800}}, 1.5);
  EXPECT_EQ(texts(words), (std::vector<std::string>{"rose", "42", "percent"}));
  expect_contiguous(words, 1.5);
  EXPECT_DOUBLE_EQ(words[1].start_s, 0.3);
  EXPECT_DOUBLE_EQ(words[1].end_s, 0.8);
}

TEST(WordTimings, WordsWithoutEventsShareTheTimeByLength) {
  // espeak's events for "to speak in a row.": the phrase "a row" comes as a drifted
  // event inside "in", and "row" gets none.
  const auto words = word_timings_from_events("to speak in a row.", {{1, 2, 0}, {4, 5, 144}, {10, 2, 493}, {11, 2, 644}},
                                              0.974);
  EXPECT_EQ(texts(words), (std::vector<std::string>{"to", "speak", "in", "a", "row"}));
  expect_contiguous(words, 0.974);
  EXPECT_DOUBLE_EQ(words[2].start_s, 0.493);
  // "in" (2 chars), "a" (1), "row" (3) split [0.493, 0.974].
  const double unit = (0.974 - 0.493) / 6;
  EXPECT_NEAR(words[3].start_s, 0.493 + 2 * unit, 1e-9);
  EXPECT_NEAR(words[4].start_s, 0.493 + 3 * unit, 1e-9);
}

TEST(WordTimings, NoEventsSpreadsTheWordsOverTheSpeech) {
  const auto words = word_timings_from_events("one two three", {}, 1.1);
  EXPECT_EQ(texts(words), (std::vector<std::string>{"one", "two", "three"}));
  expect_contiguous(words, 1.1);
  EXPECT_DOUBLE_EQ(words[0].start_s, 0.0);
  EXPECT_NEAR(words[1].start_s, 0.3, 1e-9);
  EXPECT_NEAR(words[2].start_s, 0.6, 1e-9);
}

TEST(WordTimings, PositionsCountCharactersAndPunctuationIsNotAWord) {
  // Positions are in code points: "é" and the curly quotes are one character each.
  const auto words = word_timings_from_events("Café isn't \u201Cfine\u201D \u2014 right?",
                                              {{1, 4, 0}, {6, 3, 300}, {13, 4, 600}, {21, 5, 900}}, 1.4);
  EXPECT_EQ(texts(words), (std::vector<std::string>{"Café", "isn't", "fine", "right"}));
  expect_contiguous(words, 1.4);
  EXPECT_DOUBLE_EQ(words[2].start_s, 0.6);
  EXPECT_DOUBLE_EQ(words[3].start_s, 0.9);
}

TEST(WordTimings, TimesStayInsideTheSpeechAndNeverGoBack) {
  const auto words = word_timings_from_events("a b c", {{1, 1, 500}, {3, 1, 200}, {5, 1, 9000}}, 1.0);
  EXPECT_EQ(texts(words), (std::vector<std::string>{"a", "b", "c"}));
  expect_contiguous(words, 1.0);
  EXPECT_DOUBLE_EQ(words[1].start_s, 0.5);
  EXPECT_DOUBLE_EQ(words[2].start_s, 1.0);
}

}  // namespace
}  // namespace reelflow::tts
