// The scene_segmenter stage, run through the harness: text and script inputs,
// durations, targets, and its input rules.
#include "stage_harness.hpp"

#include <reelflow/value.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <sstream>
#include <string>

using reelflow::Scene;
using reelflow::SceneList;
using reelflow::Script;
using reelflow::ScriptScene;
using reelflow::Text;
using reelflow::testing::StageHarness;
using reelflow::testing::StageRun;

namespace {

// 134 words (53.6 s at 2.5 words/s) in three paragraphs, with abbreviations, decimals
// and an ellipsis; its sentences (2 to 6.4 s) can be grouped into 4..7 s scenes.
const char* const kArticle =
    "Coffee was first brewed in Ethiopia. Legend says a goat herder saw his goats dancing. Monks later used "
    "the drink to stay awake during long prayers.\n"
    "\n"
    "By the 15th century, coffee had reached Yemen. Traders carried it to Cairo, Istanbul and Venice. "
    "Dr. Rivera says the first coffee houses were busy places of news, e.g. prices and gossip. "
    "Some rulers tried to ban them... None of the bans lasted.\n"
    "\n"
    "Today the world drinks about 2.25 billion cups a day. Brazil grows the most coffee. "
    "Vietnam is second, and Colombia is famous for its mild beans. A typical cup holds 95 mg of caffeine. "
    "Roasting changes the taste of the bean completely. Light roasts keep more acidity, while dark roasts "
    "taste bitter and smoky. Whatever you choose, drink it slowly and enjoy every single cup.";

int word_count(const std::string& text) {
  std::istringstream in(text);
  int n = 0;
  for (std::string w; in >> w;)
    if (std::any_of(w.begin(), w.end(), [](unsigned char c) { return std::isalnum(c); })) ++n;
  return n;
}

std::string collapse(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string w; in >> w;) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string joined_narration(const SceneList& scenes) {
  std::string all;
  for (const Scene& s : scenes.scenes) all += (all.empty() ? "" : " ") + s.narration;
  return all;
}

double total_duration(const SceneList& scenes) {
  double total = 0;
  for (const Scene& s : scenes.scenes) total += s.target_duration_s;
  return total;
}

const SceneList& scenes_of(const StageRun& run) {
  return std::get<SceneList>(run.outputs.at("scenes"));
}

bool logged(const StageRun& run, const std::string& level, const std::string& needle) {
  return std::any_of(run.log_lines.begin(), run.log_lines.end(), [&](const std::string& line) {
    return line.rfind(level, 0) == 0 && line.find(needle) != std::string::npos;
  });
}

void expect_indexed_and_in_range(const SceneList& scenes, double min_s, double max_s) {
  for (std::size_t i = 0; i < scenes.scenes.size(); ++i) {
    const Scene& s = scenes.scenes[i];
    EXPECT_EQ(s.index, static_cast<int>(i));
    EXPECT_GE(s.target_duration_s, min_s) << s.narration;
    EXPECT_LE(s.target_duration_s, max_s) << s.narration;
    EXPECT_FALSE(s.caption.empty()) << s.narration;
    EXPECT_FALSE(s.visual.empty()) << s.narration;
  }
}

}  // namespace

TEST(SceneSegmenter, SplitsTextIntoSentenceScenesWithinLimits) {
  StageHarness harness;
  StageRun run = harness.run("scene_segmenter", "", {{"text", Text{kArticle}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const SceneList& scenes = scenes_of(run);

  // Nothing lost or reordered: the scenes read back as the text.
  EXPECT_EQ(joined_narration(scenes), collapse(kArticle));
  const int words = word_count(kArticle);
  const double speech_s = words / 2.5;
  EXPECT_GE(scenes.scenes.size(), static_cast<std::size_t>(speech_s / 7.0));
  EXPECT_LE(scenes.scenes.size(), static_cast<std::size_t>(speech_s / 4.0) + 1);
  expect_indexed_and_in_range(scenes, 4.0, 7.0);
  for (const Scene& s : scenes.scenes) {
    // Each scene's own narration fits the range, and it ends where a sentence ends.
    double scene_speech = word_count(s.narration) / 2.5;
    EXPECT_GE(scene_speech, 4.0) << s.narration;
    EXPECT_LE(scene_speech, 7.0) << s.narration;
    char last = s.narration.back();
    EXPECT_TRUE(last == '.' || last == '?' || last == '!') << s.narration;
    // Abbreviations did not end a scene.
    EXPECT_FALSE(s.narration.ends_with("Dr.")) << s.narration;
    EXPECT_FALSE(s.narration.ends_with("e.g.")) << s.narration;
    EXPECT_LE(word_count(s.caption), 6) << s.caption;
    EXPECT_EQ(s.visual.find(" the "), std::string::npos) << s.visual;
  }
  auto with_doctor = std::find_if(scenes.scenes.begin(), scenes.scenes.end(),
                                  [](const Scene& s) { return s.narration.find("Dr.") != std::string::npos; });
  ASSERT_NE(with_doctor, scenes.scenes.end());
  EXPECT_NE(with_doctor->narration.find("Dr. Rivera says"), std::string::npos);
  EXPECT_NE(with_doctor->narration.find("news, e.g. prices"), std::string::npos);
  EXPECT_FALSE(scenes.title.empty());
  EXPECT_TRUE(logged(run, "info", "scenes, planned"));
}

TEST(SceneSegmenter, ScalesDurationsTowardTheTarget) {
  StageHarness harness;
  const double speech_s = word_count(kArticle) / 2.5;
  ASSERT_LT(speech_s, 80.0);
  StageRun run = harness.run("scene_segmenter", "target_total_s: 90", {{"text", Text{kArticle}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const SceneList& scenes = scenes_of(run);
  expect_indexed_and_in_range(scenes, 4.0, 7.0);
  EXPECT_NEAR(total_duration(scenes), 90.0, 1.0);
  EXPECT_EQ(joined_narration(scenes), collapse(kArticle));

  // Without a target the same text plans about its speech time.
  StageRun plain = harness.run("scene_segmenter", "", {{"text", Text{kArticle}}});
  ASSERT_TRUE(plain.status.is_ok()) << plain.status.message();
  EXPECT_NEAR(total_duration(scenes_of(plain)), speech_s, 0.15 * speech_s);
}

TEST(SceneSegmenter, KeepsEverythingAndWarnsWhenTextIsLongerThanTarget) {
  StageHarness harness;
  StageRun run = harness.run("scene_segmenter", "target_total_s: 30", {{"text", Text{kArticle}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const SceneList& scenes = scenes_of(run);
  EXPECT_EQ(joined_narration(scenes), collapse(kArticle));
  expect_indexed_and_in_range(scenes, 4.0, 7.0);
  EXPECT_TRUE(logged(run, "warning", "target_total_s=30")) << "no warning about the long text";
  // Scaled down toward 30 s, but no scene below the minimum.
  EXPECT_LT(total_duration(scenes), word_count(kArticle) / 2.5);
}

TEST(SceneSegmenter, ParagraphModeKeepsParagraphsThatFit) {
  StageHarness harness;
  const std::string text =
      "The ocean covers most of our planet and holds most of its water.\n\n"
      "Whales sing songs that travel for hundreds of miles under the sea.\n\n"
      "Coral reefs shelter a quarter of all marine species in shallow water.";
  StageRun run = harness.run("scene_segmenter", "split_by: paragraph", {{"text", Text{text}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const SceneList& scenes = scenes_of(run);
  ASSERT_EQ(scenes.scenes.size(), 3u);
  EXPECT_EQ(scenes.scenes[1].narration, "Whales sing songs that travel for hundreds of miles under the sea.");
  EXPECT_EQ(scenes.scenes[1].caption, "Whales sing songs that travel");
  EXPECT_NE(scenes.scenes[1].visual.find("whales"), std::string::npos) << scenes.scenes[1].visual;
  expect_indexed_and_in_range(scenes, 4.0, 7.0);
}

TEST(SceneSegmenter, SplitsLongScriptScenesAndMergesShortOnes) {
  Script script;
  script.topic = "volcanoes";
  script.title = "How Volcanoes Work";
  script.scenes = {
      // Six sentences of 2 to 3.2 s (39 words, 15.6 s): only pairs fit 4..7 s.
      ScriptScene{"Deep under our feet, rock melts slowly. Hot magma rises toward the surface. It gathers in a "
                  "chamber under mountains. Pressure builds there for many years. Then the magma forces its way "
                  "up quickly. And the volcano finally erupts.",
                  "Magma rises", "glowing magma chamber under a mountain"},
      ScriptScene{"Ash can fly for miles.", "Ash clouds", "ash cloud over a town"},           // 2.0 s
      ScriptScene{"Lava cools into new black rock.", "New land", "black lava rock by the sea"},  // 2.4 s
      ScriptScene{"Some volcanoes sleep for many centuries before they wake up again.", "Sleeping giants",
                  "snowy volcano under a blue sky"},  // 4.4 s
  };
  StageHarness harness;
  StageRun run = harness.run("scene_segmenter", "", {{"script", script}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const SceneList& scenes = scenes_of(run);
  EXPECT_EQ(scenes.title, "How Volcanoes Work");

  // The long scene split in three at sentence ends, the two short ones merged,
  // the last kept as it is.
  ASSERT_EQ(scenes.scenes.size(), 5u);
  EXPECT_EQ(scenes.scenes[0].narration, "Deep under our feet, rock melts slowly. Hot magma rises toward the surface.");
  EXPECT_EQ(scenes.scenes[0].caption, "Magma rises");
  EXPECT_EQ(scenes.scenes[1].narration, "It gathers in a chamber under mountains. Pressure builds there for many years.");
  EXPECT_EQ(scenes.scenes[1].caption, "It gathers in a chamber") << "a continuation gets a caption of its own";
  EXPECT_TRUE(scenes.scenes[2].narration.starts_with("Then the magma"));
  EXPECT_TRUE(scenes.scenes[2].caption.starts_with("Then the magma")) << scenes.scenes[2].caption;
  for (int part : {0, 1, 2})
    EXPECT_EQ(scenes.scenes[static_cast<std::size_t>(part)].visual, "glowing magma chamber under a mountain");
  EXPECT_EQ(scenes.scenes[3].narration, "Ash can fly for miles. Lava cools into new black rock.");
  EXPECT_EQ(scenes.scenes[3].caption, "Ash clouds") << "the first script scene's caption";
  EXPECT_EQ(scenes.scenes[3].visual, "black lava rock by the sea") << "the visual of the longer part";
  EXPECT_EQ(scenes.scenes[4].caption, "Sleeping giants");
  EXPECT_EQ(scenes.scenes[4].visual, "snowy volcano under a blue sky");
  expect_indexed_and_in_range(scenes, 4.0, 7.0);

  std::string all_narration;
  for (const auto& s : script.scenes) all_narration += (all_narration.empty() ? "" : " ") + s.narration;
  EXPECT_EQ(joined_narration(scenes), all_narration);
}

TEST(SceneSegmenter, UsesTheSpeakingRateAndLimitsGiven) {
  StageHarness harness;
  StageRun run = harness.run("scene_segmenter", "min_scene_s: 8\nmax_scene_s: 14\nwords_per_second: 3.0",
                             {{"text", Text{kArticle}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const SceneList& scenes = scenes_of(run);
  expect_indexed_and_in_range(scenes, 8.0, 14.0);
  for (const Scene& s : scenes.scenes) EXPECT_NEAR(s.target_duration_s, std::clamp(word_count(s.narration) / 3.0, 8.0, 14.0), 1e-9);
}

TEST(SceneSegmenter, RequiresExactlyOneInput) {
  StageHarness harness;
  Script script;
  script.scenes = {ScriptScene{"One scene of narration here.", "", ""}};
  StageRun both = harness.run("scene_segmenter", "", {{"text", Text{"Some text."}}, {"script", script}});
  ASSERT_FALSE(both.status.is_ok());
  EXPECT_NE(both.status.message().find("exactly one of the inputs 'script' and 'text'"), std::string::npos)
      << both.status.message();
  EXPECT_NE(both.status.message().find("both"), std::string::npos);
  EXPECT_FALSE(both.outputs.count("scenes"));

  StageRun none = harness.run("scene_segmenter", "", {});
  ASSERT_FALSE(none.status.is_ok());
  EXPECT_NE(none.status.message().find("neither"), std::string::npos) << none.status.message();
}

TEST(SceneSegmenter, RejectsEmptyTextAndBadParams) {
  StageHarness harness;
  StageRun empty = harness.run("scene_segmenter", "", {{"text", Text{" \n\n ... "}}});
  ASSERT_FALSE(empty.status.is_ok());
  EXPECT_NE(empty.status.message().find("input 'text' has no words"), std::string::npos) << empty.status.message();

  StageRun inverted = harness.run("scene_segmenter", "min_scene_s: 9\nmax_scene_s: 5", {{"text", Text{kArticle}}});
  ASSERT_FALSE(inverted.status.is_ok());
  EXPECT_NE(inverted.status.message().find("min_scene_s (9) is greater than max_scene_s (5)"), std::string::npos)
      << inverted.status.message();

  StageRun bad_choice = harness.run("scene_segmenter", "split_by: word", {{"text", Text{kArticle}}});
  EXPECT_FALSE(bad_choice.status.is_ok());
}
