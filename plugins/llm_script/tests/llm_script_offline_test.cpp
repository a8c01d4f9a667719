// The offline provider through the harness: script shape, length against the
// target duration, notes (file and input), determinism and bad input.
#include "llm_script_test_support.hpp"
#include "stage_harness.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>

namespace reelflow::llm_script_test {
namespace {

using testing::StageHarness;
using testing::StageRun;
using testing::TempDir;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Index of the scene whose narration contains `text`, or -1.
int scene_with(const Script& script, const std::string& text) {
  for (std::size_t i = 0; i < script.scenes.size(); ++i)
    if (script.scenes[i].narration.find(text) != std::string::npos) return static_cast<int>(i);
  return -1;
}

class LlmScriptOffline : public ::testing::Test {
 protected:
  StageHarness harness;
};

TEST_F(LlmScriptOffline, WritesTheRequestedScenesNearTheTargetDuration) {
  struct Case {
    int scenes;
    double seconds;
  };
  for (Case c : {Case{6, 45}, Case{4, 30}, Case{10, 60}, Case{8, 120}}) {
    SCOPED_TRACE("scenes " + std::to_string(c.scenes) + ", " + std::to_string(c.seconds) + " s");
    StageRun run = harness.run("llm_script", "topic: black holes\nscenes: " + std::to_string(c.scenes) +
                                                 "\ntarget_duration_s: " + std::to_string(c.seconds));
    Script script = script_of(run);
    ASSERT_EQ(script.scenes.size(), static_cast<std::size_t>(c.scenes));
    EXPECT_EQ(script.topic, "black holes");
    EXPECT_NE(lower(script.title).find("black holes"), std::string::npos) << script.title;
    EXPECT_GE(word_count(script.hook), 4) << script.hook;

    std::set<std::string> narrations;
    for (const ScriptScene& scene : script.scenes) {
      SCOPED_TRACE(scene.narration);
      EXPECT_GE(sentence_count(scene.narration), 1);
      EXPECT_LE(sentence_count(scene.narration), 3);
      EXPECT_TRUE(scene.narration.ends_with(".") || scene.narration.ends_with("?") || scene.narration.ends_with("!"));
      EXPECT_GE(word_count(scene.caption), 1);
      EXPECT_LE(word_count(scene.caption), 6) << scene.caption;
      EXPECT_NE(lower(scene.visual).find("black holes"), std::string::npos) << scene.visual;
      narrations.insert(scene.narration);
    }
    EXPECT_EQ(narrations.size(), script.scenes.size()) << "scenes repeat a narration";

    double spoken_s = spoken_words(script) / 2.5;
    EXPECT_NEAR(spoken_s, c.seconds, 0.2 * c.seconds);
    ASSERT_FALSE(run.progress.empty());
    EXPECT_DOUBLE_EQ(run.progress.back(), 1.0);
  }
}

TEST_F(LlmScriptOffline, SpeaksAboutTheTopicAndEndsWithACallToAction) {
  Script script = script_of(harness.run("llm_script", "topic: the history of coffee\nscenes: 5"));
  ASSERT_EQ(script.scenes.size(), 5u);
  int mentions = 0;
  for (const ScriptScene& scene : script.scenes)
    mentions += scene.narration.find("the history of coffee") != std::string::npos;
  EXPECT_GE(mentions, 2);
  std::string last = lower(script.scenes.back().narration);
  EXPECT_TRUE(last.find("follow") != std::string::npos || last.find("share") != std::string::npos ||
              last.find("save") != std::string::npos)
      << last;
}

TEST_F(LlmScriptOffline, QuestionTopicsReadNaturallyInsideSentences) {
  Script script = script_of(harness.run("llm_script", "topic: How honey bees make honey?\nscenes: 6"));
  ASSERT_EQ(script.scenes.size(), 6u);
  EXPECT_EQ(script.topic, "How honey bees make honey");
  EXPECT_EQ(script.title, "How Honey Bees Make Honey");
  std::string spoken = script.hook;
  for (const ScriptScene& scene : script.scenes) spoken += " " + scene.narration;
  EXPECT_NE(spoken.find("how honey bees make honey"), std::string::npos) << spoken;
  EXPECT_EQ(spoken.find(" How honey bees"), std::string::npos) << spoken;
}

TEST_F(LlmScriptOffline, PublishingHasTheTitleTheHookAndTheTopicsHashtags) {
  StageRun run = harness.run("llm_script", "topic: How honey bees make honey\nscenes: 3");
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const Script& script = script_of(run);
  const auto& record = run.output_as<Record>("publishing");
  ASSERT_EQ(record.type, "publishing");
  const auto publishing = nlohmann::json::parse(record.json);
  EXPECT_EQ(publishing["title"], script.title);
  EXPECT_EQ(publishing["description"], script.hook);
  EXPECT_EQ(publishing["hashtags"], nlohmann::json({"#HoneyBees", "#honey", "#bees"}));
  EXPECT_EQ(publishing["writer"], "offline");
}

TEST_F(LlmScriptOffline, HashtagsKeepUnicodeLettersAndDropPunctuation) {
  StageRun run = harness.run("llm_script", "topic: \"Café culture in São Paulo?\"\nscenes: 2");
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const auto publishing = nlohmann::json::parse(run.output_as<Record>("publishing").json);
  EXPECT_EQ(publishing["hashtags"], nlohmann::json({"#CaféCultureSãoPaulo", "#café", "#culture", "#são", "#paulo"}));
}

TEST_F(LlmScriptOffline, SameTopicGivesTheSameScript) {
  const std::string params = "topic: volcanoes\nscenes: 7\ntarget_duration_s: 50";
  Script a = script_of(harness.run("llm_script", params));
  Script b = script_of(harness.run("llm_script", params));
  ASSERT_EQ(a.scenes.size(), 7u);
  ASSERT_EQ(a.scenes.size(), b.scenes.size());
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.hook, b.hook);
  for (std::size_t i = 0; i < a.scenes.size(); ++i) {
    EXPECT_EQ(a.scenes[i].narration, b.scenes[i].narration);
    EXPECT_EQ(a.scenes[i].caption, b.scenes[i].caption);
    EXPECT_EQ(a.scenes[i].visual, b.scenes[i].visual);
  }
}

TEST_F(LlmScriptOffline, LongScriptsStillHaveDistinctScenes) {
  Script script = script_of(harness.run("llm_script", "topic: bees\nscenes: 30\ntarget_duration_s: 300"));
  ASSERT_EQ(script.scenes.size(), 30u);
  std::set<std::string> narrations;
  for (const ScriptScene& scene : script.scenes) {
    EXPECT_LE(sentence_count(scene.narration), 3) << scene.narration;
    narrations.insert(scene.narration);
  }
  EXPECT_EQ(narrations.size(), 30u);
}

TEST_F(LlmScriptOffline, NotesFileGivesOneScenePerBullet) {
  TempDir dir;
  write_file(dir / "notes.md",
             "# Black holes\n\n"
             "- Formation: massive stars collapse under their own gravity\n"
             "- Event horizon: the point of no return, where not even light escapes\n"
             "* **Spaghettification** - tidal forces stretch anything that falls in\n"
             "1. Hawking radiation: black holes slowly evaporate over unimaginable timescales\n");
  StageRun run = harness.run("llm_script", "topic: black holes\nscenes: 4\nnotes_file: " + (dir / "notes.md").string());
  Script script = script_of(run);
  ASSERT_EQ(script.scenes.size(), 4u);
  EXPECT_EQ(scene_with(script, "Formation: massive stars collapse under their own gravity."), 0);
  EXPECT_EQ(scene_with(script, "Event horizon: the point of no return, where not even light escapes."), 1);
  EXPECT_EQ(scene_with(script, "Spaghettification - tidal forces stretch anything that falls in."), 2);
  EXPECT_EQ(scene_with(script, "Hawking radiation: black holes slowly evaporate"), 3);
  EXPECT_EQ(script.scenes[0].caption, "Formation");
  EXPECT_EQ(script.scenes[1].caption, "Event horizon");
  EXPECT_EQ(script.scenes[2].caption, "Spaghettification");
  EXPECT_NE(script.scenes[3].visual.find("Hawking radiation"), std::string::npos) << script.scenes[3].visual;
  for (const ScriptScene& scene : script.scenes) EXPECT_EQ(scene.narration.find('*'), std::string::npos);
}

TEST_F(LlmScriptOffline, NotesInputParagraphsAreSplitToFillTheScenes) {
  const std::vector<std::string> sentences = {
      "Honey bees live in colonies of up to sixty thousand workers.",
      "Each worker has a job that changes as she ages.",
      "Foragers tell each other where flowers are with a waggle dance.",
      "The angle of the dance points toward the food."};
  Text notes{sentences[0] + " " + sentences[1] + "\n\n" + sentences[2] + "\n" + sentences[3] + "\n"};
  StageRun run = harness.run("llm_script", "topic: honey bees\nscenes: 4", {{"notes", notes}});
  Script script = script_of(run);
  ASSERT_EQ(script.scenes.size(), 4u);
  for (std::size_t i = 0; i < sentences.size(); ++i)
    EXPECT_EQ(scene_with(script, sentences[i]), static_cast<int>(i)) << sentences[i];
}

TEST_F(LlmScriptOffline, ManyNotesAreMergedIntoFewerScenes) {
  std::string notes;
  for (int i = 1; i <= 8; ++i) notes += "- Point number " + std::to_string(i) + " about tides\n";
  StageRun run = harness.run("llm_script", "topic: tides\nscenes: 4", {{"notes", Text{notes}}});
  Script script = script_of(run);
  ASSERT_EQ(script.scenes.size(), 4u);
  for (int i = 1; i <= 8; ++i)
    EXPECT_EQ(scene_with(script, "Point number " + std::to_string(i) + " about tides."), (i - 1) / 2) << i;
}

TEST_F(LlmScriptOffline, FewNotesAreFollowedByTemplateScenes) {
  StageRun run = harness.run("llm_script", "topic: tides\nscenes: 5",
                             {{"notes", Text{"The moon pulls the oceans toward it."}}});
  Script script = script_of(run);
  ASSERT_EQ(script.scenes.size(), 5u);
  EXPECT_EQ(scene_with(script, "The moon pulls the oceans toward it."), 0);
  EXPECT_TRUE(any_line_contains(run.log_lines, "the notes fill 1 of 5 scenes"));
}

TEST_F(LlmScriptOffline, NotesInputAndFileAreBothUsed) {
  TempDir dir;
  write_file(dir / "notes.txt", "Gravity keeps the planets in orbit.\n");
  StageRun run = harness.run("llm_script", "topic: the solar system\nscenes: 2\nnotes_file: " +
                                               (dir / "notes.txt").string(),
                             {{"notes", Text{"The sun holds almost all of the mass."}}});
  Script script = script_of(run);
  ASSERT_EQ(script.scenes.size(), 2u);
  EXPECT_EQ(scene_with(script, "The sun holds almost all of the mass."), 0);
  EXPECT_EQ(scene_with(script, "Gravity keeps the planets in orbit."), 1);
}

TEST_F(LlmScriptOffline, MissingNotesFileIsAClearError) {
  TempDir dir;
  const std::string path = (dir / "nope.md").string();
  StageRun run = harness.run("llm_script", "topic: tides\nnotes_file: " + path);
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("notes_file '" + path + "' does not exist"), std::string::npos)
      << run.status.message();
  EXPECT_EQ(run.outputs.count("script"), 0u);
}

TEST_F(LlmScriptOffline, EmptyNotesAreAnError) {
  TempDir dir;
  write_file(dir / "empty.md", "  \n\n");
  StageRun from_file = harness.run("llm_script", "topic: tides\nnotes_file: " + (dir / "empty.md").string());
  ASSERT_FALSE(from_file.status.is_ok());
  EXPECT_NE(from_file.status.message().find("is empty"), std::string::npos) << from_file.status.message();

  StageRun headings_only = harness.run("llm_script", "topic: tides", {{"notes", Text{"# Tides\n## More\n"}}});
  ASSERT_FALSE(headings_only.status.is_ok());
  EXPECT_NE(headings_only.status.message().find("notes hold no text"), std::string::npos)
      << headings_only.status.message();
}

TEST_F(LlmScriptOffline, MissingOrEmptyTopicIsAnError) {
  StageRun missing = harness.run("llm_script", "scenes: 3");
  ASSERT_FALSE(missing.status.is_ok());
  EXPECT_NE(missing.status.message().find("topic"), std::string::npos) << missing.status.message();
  EXPECT_EQ(missing.outputs.count("script"), 0u);

  StageRun blank = harness.run("llm_script", "topic: '   '");
  ASSERT_FALSE(blank.status.is_ok());
  EXPECT_EQ(blank.status.message(), "llm_script: param 'topic' is empty");
}

TEST_F(LlmScriptOffline, OutOfRangeParamsAreRejected) {
  EXPECT_FALSE(harness.run("llm_script", "topic: tides\nscenes: -1").status.is_ok());
  EXPECT_FALSE(harness.run("llm_script", "topic: tides\nscenes: 31").status.is_ok());
  EXPECT_FALSE(harness.run("llm_script", "topic: tides\ntarget_duration_s: 2").status.is_ok());
  EXPECT_FALSE(harness.run("llm_script", "topic: tides\nprovider: magic").status.is_ok());
}

TEST_F(LlmScriptOffline, OfflineRefusesOtherLanguages) {
  StageRun run = harness.run("llm_script", "topic: Gezeiten\nlanguage: de");
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("English only"), std::string::npos) << run.status.message();
}

TEST_F(LlmScriptOffline, WarnsWhenTheTargetCannotBeMet) {
  StageRun run = harness.run("llm_script", "topic: tides\nscenes: 30\ntarget_duration_s: 5");
  Script script = script_of(run);
  EXPECT_EQ(script.scenes.size(), 30u);
  EXPECT_TRUE(any_line_contains(run.log_lines, "target_duration_s is 5 s")) << "no warning about the length";
}

TEST_F(LlmScriptOffline, SingleSceneScript) {
  Script script = script_of(harness.run("llm_script", "topic: rainbows\nscenes: 1\ntarget_duration_s: 15"));
  ASSERT_EQ(script.scenes.size(), 1u);
  EXPECT_LE(sentence_count(script.scenes[0].narration), 3);
  EXPECT_NEAR(spoken_words(script) / 2.5, 15.0, 0.3 * 15.0);
}

}  // namespace
}  // namespace reelflow::llm_script_test
