// The offline writer is topic-aware: sentences built from the topic's own words,
// different for different topics, the same for the same topic, no placeholders
// left, and a word budget that follows the voice's measured rate.
#include "llm_script_test_support.hpp"
#include "stage_harness.hpp"

#include <gtest/gtest.h>

#include <reelflow/record.hpp>

#include <cctype>
#include <set>

namespace reelflow::llm_script_test {
namespace {

using testing::StageHarness;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string narration_of(const Script& script) {
  std::string all;
  for (const ScriptScene& s : script.scenes) all += s.narration + "\n";
  return all;
}

// Scenes whose narration names `word` (case-insensitive).
int scenes_naming(const Script& script, const std::string& word) {
  int n = 0;
  for (const ScriptScene& s : script.scenes) n += lower(s.narration).find(word) != std::string::npos;
  return n;
}

// Sentences of the narration that name neither the topic as written nor any of `words`.
int sentences_without(const Script& script, const std::vector<std::string>& words) {
  int n = 0;
  for (const ScriptScene& s : script.scenes) {
    std::string text = lower(s.narration);
    std::size_t from = 0;
    while (from < text.size()) {
      std::size_t end = text.find_first_of(".?!", from);
      std::string sentence = text.substr(from, end == std::string::npos ? std::string::npos : end - from);
      bool named = false;
      for (const std::string& w : words) named = named || sentence.find(w) != std::string::npos;
      n += !named && sentence.find_first_not_of(" ") != std::string::npos;
      if (end == std::string::npos) break;
      from = end + 1;
    }
  }
  return n;
}

TEST(LlmScriptTopic, DifferentTopicsGiveDifferentNarrationAboutTheirOwnWords) {
  StageHarness harness;
  struct Case {
    std::string topic;
    std::vector<std::string> key_words;
  };
  const Case cases[] = {{"How honey bees make honey", {"honey bees", "honey"}},
                        {"Why octopuses change colour", {"octopuses", "colour"}},
                        {"The history of coffee", {"coffee", "history"}}};
  std::vector<std::string> narrations;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.topic);
    Script script = script_of(harness.run("llm_script", "topic: " + c.topic + "\nscenes: 6\ntarget_duration_s: 50"));
    ASSERT_EQ(script.scenes.size(), 6u);
    const std::string all = narration_of(script);
    // Most scenes say the subject's words, and so does every visual.
    EXPECT_GE(scenes_naming(script, c.key_words[0]), 4) << all;
    EXPECT_GE(scenes_naming(script, c.key_words[1]), 2) << all;
    for (const ScriptScene& s : script.scenes)
      EXPECT_NE(lower(s.visual).find(c.key_words[0]), std::string::npos) << s.visual;
    // More than half the sentences are about the topic's words, not generic filler.
    int sentences = 0;
    for (const ScriptScene& s : script.scenes) sentences += sentence_count(s.narration);
    EXPECT_LT(sentences_without(script, c.key_words), sentences / 2) << all;
    // No template placeholder leaks anywhere.
    for (const std::string& text : {script.title, script.hook, all}) EXPECT_EQ(text.find_first_of("{}"), std::string::npos) << text;
    for (const ScriptScene& s : script.scenes) {
      EXPECT_EQ(s.caption.find_first_of("{}"), std::string::npos) << s.caption;
      EXPECT_EQ(s.visual.find_first_of("{}"), std::string::npos) << s.visual;
    }
    narrations.push_back(all);
  }
  // Different topics share few sentences: each text is more than a topic swap.
  for (std::size_t a = 0; a < narrations.size(); ++a)
    for (std::size_t b = a + 1; b < narrations.size(); ++b) EXPECT_NE(narrations[a], narrations[b]);
}

TEST(LlmScriptTopic, SameTopicGivesTheSameTopicSentences) {
  StageHarness harness;
  const std::string params = "topic: Why octopuses change colour\nscenes: 5\ntarget_duration_s: 40";
  EXPECT_EQ(narration_of(script_of(harness.run("llm_script", params))),
            narration_of(script_of(harness.run("llm_script", params))));
}

TEST(LlmScriptTopic, SingularSubjectsAgreeWithTheirVerbs) {
  StageHarness harness;
  Script script = script_of(harness.run("llm_script", "topic: The history of coffee\nscenes: 8\ntarget_duration_s: 70"));
  const std::string all = narration_of(script);
  EXPECT_EQ(all.find("coffee are"), std::string::npos) << all;
  EXPECT_EQ(all.find("coffee themselves"), std::string::npos) << all;
}

TEST(LlmScriptTopic, TheWordBudgetFollowsTheMeasuredSpeechRate) {
  StageHarness harness;
  for (double rate : {2.5, 3.2}) {
    SCOPED_TRACE(rate);
    Record measured = to_record("speech_rate", nlohmann::json{{"words_per_second", rate}});
    Script script = script_of(harness.run("llm_script", "topic: coral reefs\nscenes: 0\ntarget_duration_s: 60",
                                          {{"speech_rate", measured}}));
    EXPECT_EQ(script.scenes.size(), 8u) << "scenes: 0 gives one per ~8 s";
    EXPECT_NEAR(spoken_words(script), 60 * rate, 0.1 * 60 * rate);
  }
}

}  // namespace
}  // namespace reelflow::llm_script_test
