// Length: voice_rate measures a voice, the script and the scene plan budget words
// for it, and tts speaks again at a corrected speed until the narration (plus what
// the video adds per scene) is within length_tolerance of target_total_s. Lengths
// come from the clips' decoded WAV files, not from what the stage says.
#include "tts_test_support.hpp"

#include <media_probe.hpp>
#include <stage_harness.hpp>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

namespace reelflow::tts_test {
namespace {

using testing::probe_media;
using testing::StageHarness;
using testing::StageRun;

double words_per_second(const StageRun& run) {
  EXPECT_TRUE(run.status.is_ok()) << run.status.message();
  auto it = run.outputs.find("rate");
  if (it == run.outputs.end()) return 0.0;
  return nlohmann::json::parse(std::get<Record>(it->second).json).at("words_per_second").get<double>();
}

// The decoded length of every clip together.
TEST(TtsLength, VoiceRateMeasuresEachVoiceAndRate) {
  StageHarness harness;
  const double us = words_per_second(harness.run("voice_rate", "voice: en-us\nrate: 165"));
  const double faster = words_per_second(harness.run("voice_rate", "voice: en-us\nrate: 220"));
  const double gb = words_per_second(harness.run("voice_rate", "voice: en-gb-scotland\nrate: 140"));
  // espeak at 165 words/min speaks more written words per second than a 2.5 words/s narrator.
  EXPECT_GT(us, 2.7);
  EXPECT_LT(us, 3.8);
  EXPECT_GT(faster, us * 1.2);
  EXPECT_LT(gb, us);
  EXPECT_FALSE(harness.run("voice_rate", "voice: xx-nope").status.is_ok());
}

// voice_rate → llm_script → scene_segmenter → tts, as the default graph wires them.
struct Plan {
  std::string voice;
  int rate;
  double seconds;
};

TEST(TtsLength, ScriptPlanAndSpeechLandWithinTwoPercentOfTheTarget) {
  StageHarness harness;
  for (const Plan& plan : {Plan{"en-us", 165, 20}, Plan{"en-us", 165, 45}, Plan{"en-gb-scotland", 140, 30}}) {
    const std::string voice = "voice: " + plan.voice + "\nrate: " + std::to_string(plan.rate) + "\n";
    const std::string seconds = std::to_string(plan.seconds);
    SCOPED_TRACE(voice + "seconds: " + seconds);
    StageRun pace = harness.run("voice_rate", voice);
    ASSERT_TRUE(pace.status.is_ok()) << pace.status.message();
    const Value rate = pace.outputs.at("rate");
    StageRun script = harness.run("llm_script", "topic: How glaciers move\nscenes: 0\ntarget_duration_s: " + seconds,
                                  {{"speech_rate", rate}});
    ASSERT_TRUE(script.status.is_ok()) << script.status.message();
    StageRun scenes = harness.run("scene_segmenter", "target_total_s: " + seconds,
                                  {{"script", script.outputs.at("script")}, {"speech_rate", rate}});
    ASSERT_TRUE(scenes.status.is_ok()) << scenes.status.message();
    const auto scene_count = std::get<SceneList>(scenes.outputs.at("scenes")).scenes.size();
    StageRun speech = harness.run("tts", voice + "target_total_s: " + seconds + "\nscene_extra_s: 0.1",
                                  {{"scenes", scenes.outputs.at("scenes")}});
    ASSERT_TRUE(speech.status.is_ok()) << speech.status.message();
    const double video_s = decoded_total_s(audio_of(speech)) + 0.1 * static_cast<double>(scene_count);
    EXPECT_NEAR(video_s, plan.seconds, 0.02 * plan.seconds + 0.01);
  }
}

TEST(TtsLength, AShortNarrationIsSpokenSlowerAndALongOneFaster) {
  StageHarness harness;
  const SceneList scenes = scenes_from({"The glacier moves a little every day, pushed by its own weight.",
                                        "Over many years it carves a deep valley into the rock below."});
  const double natural = decoded_total_s(audio_of(harness.run("tts", "voice: en-us", {{"scenes", scenes}})));
  ASSERT_GT(natural, 3.0);
  for (double factor : {1.12, 0.9}) {
    SCOPED_TRACE(factor);
    const double target = natural * factor;
    StageRun run = harness.run("tts", "voice: en-us\ntarget_total_s: " + std::to_string(target), {{"scenes", scenes}});
    ASSERT_TRUE(run.status.is_ok()) << run.status.message();
    EXPECT_NEAR(decoded_total_s(audio_of(run)), target, 0.02 * target + 0.01);
    bool spoke_again = false;
    for (const std::string& line : run.log_lines) spoke_again = spoke_again || line.find("speaking again") != std::string::npos;
    EXPECT_TRUE(spoke_again);
  }
}

TEST(TtsLength, ATargetOutOfReachIsAClearErrorWithNoAudio) {
  StageHarness harness;
  const SceneList scenes = scenes_from({"Just a few words here."});
  StageRun run = harness.run("tts", "voice: en-us\ntarget_total_s: 30", {{"scenes", scenes}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("target_total_s is 30.0 s"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("too short"), std::string::npos) << run.status.message();
  EXPECT_EQ(run.outputs.count("audio"), 0u);
}

}  // namespace
}  // namespace reelflow::tts_test
