// Character times (ElevenLabs' alignment) turned into the narration's word timings.
#include "character_timings.hpp"

#include <gtest/gtest.h>

namespace reelflow::tts {
namespace {

CharacterTimings evenly(const std::string& text, double seconds_per_char) {
  CharacterTimings timings;
  for (std::size_t c = 0; c < text.size(); ++c) {
    timings.characters.push_back(std::string(1, text[c]));
    timings.start_s.push_back(c * seconds_per_char);
    timings.end_s.push_back((c + 1) * seconds_per_char);
  }
  return timings;
}

TEST(CharacterTimings, EachWordStartsAtItsFirstCharacter) {
  const auto words = word_timings_from_characters("Hi, big world!", evenly("Hi, big world!", 0.1), 2.0);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0].word, "Hi");
  EXPECT_EQ(words[2].word, "world");
  EXPECT_NEAR(words[0].start_s, 0.0, 1e-9);
  EXPECT_NEAR(words[1].start_s, 0.4, 1e-9);
  EXPECT_NEAR(words[2].start_s, 0.8, 1e-9);
  EXPECT_DOUBLE_EQ(words[2].end_s, 2.0);
}

TEST(CharacterTimings, AReplyForOtherTextStillTimesTheWordsItShares) {
  // The provider normalised "42" to "forty two": the words around it keep their
  // times; the number is interpolated between them.
  const std::string said = "We saw forty two fish";
  const auto words = word_timings_from_characters("We saw 42 fish", evenly(said, 0.1), 3.0);
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[2].word, "42");
  EXPECT_NEAR(words[1].start_s, 0.3, 1e-9);
  EXPECT_NEAR(words[2].start_s, 0.6, 1e-9);  // where "saw" ends
  EXPECT_NEAR(words[3].start_s, 1.7, 1e-9);
}

TEST(CharacterTimings, NoAlignmentAtAllSpreadsTheWordsOverTheSpeech) {
  const auto words = word_timings_from_characters("one two", {}, 1.0);
  ASSERT_EQ(words.size(), 2u);
  EXPECT_DOUBLE_EQ(words[0].start_s, 0.0);
  EXPECT_DOUBLE_EQ(words[1].start_s, 0.5);
}

}  // namespace
}  // namespace reelflow::tts
