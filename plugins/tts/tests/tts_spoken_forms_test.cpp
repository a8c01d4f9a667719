// Written words as the plain words a pronunciation dictionary knows.
#include "spoken_forms.hpp"

#include <gtest/gtest.h>

namespace reelflow::tts {
namespace {

using Forms = std::vector<SpokenForm>;

TEST(SpokenForms, WordsAreLowerCasedWithTheDictionarysApostrophe) {
  EXPECT_EQ(spoken_forms("Hello"), (Forms{{"hello"}}));
  EXPECT_EQ(spoken_forms("Reef\u2019s"), (Forms{{"reef's"}}));
  EXPECT_EQ(spoken_forms("well-known"), (Forms{{"well-known"}, {"well", "known"}}));
}

TEST(SpokenForms, NumbersAreSaidAsWords) {
  EXPECT_EQ(spoken_forms("42"), (Forms{{"forty", "two"}}));
  EXPECT_EQ(spoken_forms("1,000,005"), (Forms{{"one", "million", "five"}}));
  EXPECT_EQ(spoken_forms("1990"), (Forms{{"nineteen", "ninety"}, {"one", "thousand", "nine", "hundred", "ninety"}}));
  EXPECT_EQ(spoken_forms("1905")[0], (SpokenForm{"nineteen", "oh", "five"}));
  EXPECT_EQ(spoken_forms("2000"), (Forms{{"two", "thousand"}}));
  EXPECT_EQ(spoken_forms("3.5%"), (Forms{{"three", "point", "five", "percent"}}));
  EXPECT_EQ(spoken_forms("$20"), (Forms{{"twenty", "dollars"}}));
  EXPECT_EQ(spoken_forms("21st"), (Forms{{"twenty", "first"}}));
  EXPECT_EQ(spoken_forms("1990s")[0], (SpokenForm{"nineteen", "nineties"}));
  EXPECT_EQ(spoken_forms("covid-19")[1], (SpokenForm{"covid", "nineteen"}));
}

}  // namespace
}  // namespace reelflow::tts
