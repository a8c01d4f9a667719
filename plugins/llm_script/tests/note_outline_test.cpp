// The notes reader and the scene planner on their own: how free-form notes
// become points, and points become a given number of scenes.
#include "note_outline.hpp"
#include "note_scene_planner.hpp"
#include "text_tools.hpp"

#include <gtest/gtest.h>

namespace reelflow::llm_script {
namespace {

std::vector<std::string> first_sentences(const std::vector<NoteItem>& items) {
  std::vector<std::string> out;
  for (const NoteItem& item : items) out.push_back(item.sentences.empty() ? "" : item.sentences.front());
  return out;
}

TEST(NoteOutline, BulletsWithSubPointsAndWrappedLines) {
  auto items = parse_notes(
      "## Tides\n"
      "- moon pulls the water\n"
      "  - strongest at new moon\n"
      "* Sun helps a little,\n"
      "  about half as much\n"
      "3) Two highs a day\n");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].sentences, (std::vector<std::string>{"Moon pulls the water.", "Strongest at new moon."}));
  EXPECT_EQ(items[1].sentences, (std::vector<std::string>{"Sun helps a little, about half as much."}));
  EXPECT_EQ(items[2].sentences, (std::vector<std::string>{"Two highs a day."}));
}

TEST(NoteOutline, ParagraphsAndOnePointPerLineLists) {
  auto paragraphs = parse_notes(
      "Tides rise and fall twice a day because the moon\n"
      "pulls on the oceans. The sun adds a smaller pull.\n\n"
      "Spring tides are the strongest.\n");
  ASSERT_EQ(paragraphs.size(), 2u);
  EXPECT_EQ(paragraphs[0].sentences.size(), 2u);
  EXPECT_EQ(paragraphs[0].sentences[0], "Tides rise and fall twice a day because the moon pulls on the oceans.");

  auto lines = parse_notes("Moon pulls the oceans\nSun adds a smaller pull\nTwo tides a day\n");
  EXPECT_EQ(first_sentences(lines),
            (std::vector<std::string>{"Moon pulls the oceans.", "Sun adds a smaller pull.", "Two tides a day."}));
}

TEST(NoteOutline, LabelsAndMarkdown) {
  auto items = parse_notes("- **Event horizon**: see [the glossary](https://example.com/g) for `details`\n"
                           "- This sentence has no label at all and goes on for a while\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].label, "Event horizon");
  EXPECT_EQ(items[0].sentences.front(), "Event horizon: see the glossary for details.");
  EXPECT_EQ(items[1].label, "");
}

TEST(NoteOutline, NothingButHeadingsGivesNoPoints) {
  EXPECT_TRUE(parse_notes("# One\n\n## Two\n---\n").empty());
}

TEST(NoteScenePlanner, MergesNeighboursAndKeepsEveryPointsOpening) {
  std::vector<NoteItem> items;
  for (int i = 0; i < 5; ++i)
    items.push_back({"", {"Point " + std::to_string(i) + " opens.", "Point " + std::to_string(i) + " goes on."}});
  NoteScenePlan plan = plan_note_scenes(items, 2, 3);
  ASSERT_EQ(plan.scenes.size(), 2u);
  // 2 + 3 points; the second scene keeps only the three openings.
  EXPECT_EQ(plan.scenes[0].sentences,
            (std::vector<std::string>{"Point 0 opens.", "Point 0 goes on.", "Point 1 opens."}));
  EXPECT_EQ(plan.scenes[1].sentences,
            (std::vector<std::string>{"Point 2 opens.", "Point 3 opens.", "Point 4 opens."}));
  EXPECT_EQ(plan.dropped_sentences, 4);
}

TEST(NoteScenePlanner, SplitsLongPointsAtSentences) {
  std::vector<NoteItem> items = {{"Label", {"A.", "B.", "C.", "D."}}, {"", {"E."}}};
  NoteScenePlan plan = plan_note_scenes(items, 4, 3);
  ASSERT_EQ(plan.scenes.size(), 4u);
  EXPECT_EQ(plan.scenes[0].label, "Label");
  EXPECT_EQ(plan.scenes[0].sentences, (std::vector<std::string>{"A."}));
  EXPECT_EQ(plan.scenes[1].sentences, (std::vector<std::string>{"B."}));
  EXPECT_EQ(plan.scenes[2].sentences, (std::vector<std::string>{"C.", "D."}));
  EXPECT_EQ(plan.scenes[3].sentences, (std::vector<std::string>{"E."}));
  EXPECT_EQ(plan.dropped_sentences, 0);
}

TEST(NoteScenePlanner, TooFewSentencesGiveFewerScenes) {
  NoteScenePlan plan = plan_note_scenes({{"", {"Only one."}}}, 3, 3);
  EXPECT_EQ(plan.scenes.size(), 1u);
}

TEST(TextTools, SentencesWordsAndCaptions) {
  EXPECT_EQ(split_sentences("Dr. Smith met e.g. the U.S. team. Then what? Done!"),
            (std::vector<std::string>{"Dr. Smith met e.g. the U.S. team.", "Then what?", "Done!"}));
  EXPECT_EQ(count_words("It's 3 - 4 words, roughly."), 5);  // "-" is not spoken
  EXPECT_EQ(shorten_phrase("The event horizon is the point of no return", 5), "The event horizon");
  EXPECT_EQ(shorten_phrase("Moon pulls the oceans, twice a day", 6), "Moon pulls the oceans");
  EXPECT_EQ(title_case("the history of coffee"), "The History of Coffee");
  EXPECT_EQ(one_line_snippet("a\nb\n\nc", 100), "a b c");
}

}  // namespace
}  // namespace reelflow::llm_script
