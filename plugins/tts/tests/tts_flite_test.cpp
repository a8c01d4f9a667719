// The tts stage with the flite provider, run through the real stage harness and
// checked by decoding the WAV files it writes: every shipped voice speaks, the
// word timings sit on the speech, the length fit's speed reaches Flite, and
// voice_rate measures it.
#include "tts_test_support.hpp"

#include <media_probe.hpp>
#include <stage_harness.hpp>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace reelflow::tts_test {
namespace {

using testing::decode_audio_mono;
using testing::probe_media;
using testing::rms_db;
using testing::StageHarness;
using testing::StageRun;

constexpr int kFliteRate = 16000;
constexpr double kOneSample = 1.0 / kFliteRate + 1e-6;
const std::vector<std::string> kVoices = {"cmu_us_slt", "cmu_us_rms", "cmu_us_awb", "cmu_us_kal16"};

// Levels on the decoded clip: Flite's words are -15 to -30 dBFS on average, its
// pauses near silence (not digital zero: the voices add a little noise).
constexpr double kSpeechDb = -36.0;
constexpr double kPauseDb = -50.0;

StageRun speak(StageHarness& harness, const std::string& params, const SceneList& scenes) {
  return harness.run("tts", "provider: flite\n" + params, {{"scenes", scenes}});
}

TEST(TtsFlite, EveryShippedVoiceSpeaksTheWrittenWords) {
  StageHarness harness;
  const std::string narration = "Honey bees visit thousands of flowers, and they carry the nectar home.";
  const auto expected = written_words(narration);
  for (const std::string& voice : kVoices) {
    SCOPED_TRACE(voice);
    const StageRun run = speak(harness, "flite_voice: " + voice, scenes_from({narration}, 3));
    ASSERT_TRUE(run.status.is_ok()) << run.status.message();
    const AudioClip clip = audio_of(run).clips.at(0);
    EXPECT_EQ(clip.scene_index, 3);
    std::string error;
    const auto info = probe_media(clip.path, &error);
    ASSERT_TRUE(info) << error;
    EXPECT_EQ(info->audio_rate, kFliteRate);
    EXPECT_EQ(info->audio_channels, 1);
    EXPECT_NEAR(info->duration_s, clip.duration_s, kOneSample);
    // Twelve words at a speaker's pace (2 to 4.5 words/s), and it is speech, not silence.
    EXPECT_GT(clip.duration_s, 12 / 4.5);
    EXPECT_LT(clip.duration_s, 12 / 2.0);
    const auto pcm = decode_audio_mono(clip.path);
    EXPECT_GT(rms_db(pcm, 0.0, clip.duration_s), kSpeechDb);

    ASSERT_EQ(clip.words.size(), expected.size());
    for (std::size_t w = 0; w < expected.size(); ++w) EXPECT_EQ(lower_letters(clip.words[w].word), expected[w]);
    expect_complete_timings(clip.words, clip.duration_s);
    EXPECT_GT(clip.words.back().start_s, clip.duration_s / 2);
  }
}

// The timings come from Flite's segments: each word's span holds speech, and the
// pause between two sentences is quiet and ends where the next word is timed.
TEST(TtsFlite, WordTimingsAgreeWithTheVoicedRegions) {
  StageHarness harness;
  const std::string narration = "The first sentence ends here. Then a second one starts, and it goes on.";
  const StageRun run = speak(harness, "", scenes_from({narration}));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioClip clip = audio_of(run).clips.at(0);
  ASSERT_EQ(clip.words.size(), written_words(narration).size());
  const auto pcm = decode_audio_mono(clip.path);
  for (const WordTiming& word : clip.words)
    EXPECT_GT(rms_db(pcm, word.start_s, word.end_s), kSpeechDb)
        << "no speech in '" << word.word << "' at " << word.start_s;
  const WordTiming& then = clip.words.at(5);
  ASSERT_EQ(then.word, "Then");
  // Flite's pause at a full stop is short (about 80 ms with cmu_us_slt).
  EXPECT_LT(rms_db(pcm, then.start_s - 0.06, then.start_s - 0.01), kPauseDb)
      << "no pause before 'Then' at " << then.start_s;
  EXPECT_GT(rms_db(pcm, then.start_s, then.start_s + 0.1), kSpeechDb) << "'Then' is not spoken when it is timed";
}

TEST(TtsFlite, ANumberStaysOneWordTimedByItsSpeech) {
  StageHarness harness;
  // Seven digits, said as "one million two hundred ...": most of the clip.
  const StageRun run = speak(harness, "", scenes_from({"1234567 is big."}));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioClip clip = audio_of(run).clips.at(0);
  ASSERT_EQ(clip.words.size(), 3u);
  EXPECT_EQ(clip.words[0].word, "1234567");
  EXPECT_GT(clip.words[1].start_s, 0.6 * clip.duration_s) << "'is' starts at " << clip.words[1].start_s;
}

TEST(TtsFlite, AccentsAndNumbersKeepTheirWrittenForm) {
  StageHarness harness;
  const std::string narration = "Café prices rose 42 percent in Zürich.";
  const StageRun run = speak(harness, "", scenes_from({narration}));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioClip clip = audio_of(run).clips.at(0);
  std::vector<std::string> words;
  for (const auto& w : clip.words) words.push_back(w.word);
  EXPECT_EQ(words, (std::vector<std::string>{"Café", "prices", "rose", "42", "percent", "in", "Zürich"}));
  expect_complete_timings(clip.words, clip.duration_s);
}

// An independent check of where Flite says its words are: PocketSphinx aligning the
// same audio (Flite is deterministic) finds them within a few frames.
TEST(TtsFlite, OwnTimingsAgreeWithForcedAlignmentOfTheSameAudio) {
  StageHarness harness;
  const std::string narration = "Honey bees visit thousands of flowers, and they carry the nectar home to the hive.";
  const StageRun own = speak(harness, "flite_voice: cmu_us_rms", scenes_from({narration}));
  const StageRun aligned = speak(harness, "flite_voice: cmu_us_rms\nalign: pocketsphinx", scenes_from({narration}));
  ASSERT_TRUE(own.status.is_ok()) << own.status.message();
  ASSERT_TRUE(aligned.status.is_ok()) << aligned.status.message();
  const AudioClip own_clip = audio_of(own).clips.at(0);
  const AudioClip aligned_clip = audio_of(aligned).clips.at(0);
  ASSERT_EQ(own_clip.duration_s, aligned_clip.duration_s);
  ASSERT_EQ(own_clip.words.size(), aligned_clip.words.size());
  const StartErrors errors = start_errors(own_clip.words, aligned_clip.words);
  std::printf("[ measured ] flite vs PocketSphinx: median start difference %.0f ms, max %.0f ms\n",
              errors.median_s * 1000, errors.max_s * 1000);
  EXPECT_LT(errors.median_s, 0.04);
  EXPECT_LT(errors.max_s, 0.15);
}

// The length fit scales Flite's duration_stretch: one extra round lands the length,
// so the speech's length is inversely proportional to the speed.
TEST(TtsFlite, TheLengthFitsSpeedChangesTheDurationInProportion) {
  StageHarness harness;
  const SceneList scenes = scenes_from({"The glacier moves a little every day, pushed by its own weight.",
                                        "Over many years it carves a deep valley into the rock below."});
  const double natural = decoded_total_s(audio_of(speak(harness, "", scenes)));
  ASSERT_GT(natural, 3.0);
  for (double factor : {1.15, 0.88}) {
    SCOPED_TRACE(factor);
    const double target = natural * factor;
    StageRun run = speak(harness, "target_total_s: " + std::to_string(target), scenes);
    ASSERT_TRUE(run.status.is_ok()) << run.status.message();
    EXPECT_NEAR(decoded_total_s(audio_of(run)), target, 0.02 * target + 0.01);
    int rounds = 0;
    for (const std::string& line : run.log_lines) rounds += line.find("speaking again") != std::string::npos;
    EXPECT_EQ(rounds, 1);
  }
}

TEST(TtsFlite, AnUnknownVoiceIsRefusedBeforeAnythingIsSpoken) {
  StageHarness harness;
  for (const char* voice : {"cmu_us_nope", "../../../../etc/passwd", "slt"}) {
    const StageRun run = speak(harness, std::string("flite_voice: \"") + voice + "\"", scenes_from({"Hello."}));
    ASSERT_FALSE(run.status.is_ok()) << voice;
    EXPECT_NE(run.status.message().find("flite_voice"), std::string::npos) << run.status.message();
    EXPECT_NE(run.status.message().find("cmu_us_slt"), std::string::npos) << run.status.message();
    EXPECT_EQ(run.status.message().find('\n'), std::string::npos) << run.status.message();
    EXPECT_EQ(run.outputs.count("audio"), 0u);
  }
}

double words_per_second(const StageRun& run) {
  EXPECT_TRUE(run.status.is_ok()) << run.status.message();
  auto it = run.outputs.find("rate");
  if (it == run.outputs.end()) return 0.0;
  return nlohmann::json::parse(std::get<Record>(it->second).json).at("words_per_second").get<double>();
}

// voice_rate → llm_script → scene_segmenter → tts with flite, as graphs/short-video-flite.yaml
// wires them: the narration lands within 2 % of the target.
TEST(TtsFlite, VoiceRateMeasuresFliteSoTheScriptFitsTheTarget) {
  StageHarness harness;
  const double slt = words_per_second(harness.run("voice_rate", "provider: flite\nflite_voice: cmu_us_slt"));
  const double kal = words_per_second(harness.run("voice_rate", "provider: flite\nflite_voice: cmu_us_kal16"));
  EXPECT_GT(slt, 2.0);
  EXPECT_LT(slt, 4.5);
  EXPECT_GT(kal, 2.0);
  EXPECT_LT(kal, 4.5);
  EXPECT_NE(slt, kal) << "two voices measured the same: is the voice ignored?";

  const std::string voice = "provider: flite\nflite_voice: cmu_us_rms\n";
  StageRun pace = harness.run("voice_rate", voice);
  ASSERT_TRUE(pace.status.is_ok()) << pace.status.message();
  const Value rate = pace.outputs.at("rate");
  StageRun script = harness.run("llm_script", "topic: How glaciers move\nscenes: 0\ntarget_duration_s: 25",
                                {{"speech_rate", rate}});
  ASSERT_TRUE(script.status.is_ok()) << script.status.message();
  StageRun scenes = harness.run("scene_segmenter", "target_total_s: 25",
                                {{"script", script.outputs.at("script")}, {"speech_rate", rate}});
  ASSERT_TRUE(scenes.status.is_ok()) << scenes.status.message();
  const auto scene_count = std::get<SceneList>(scenes.outputs.at("scenes")).scenes.size();
  StageRun speech = harness.run("tts", voice + "target_total_s: 25\nscene_extra_s: 0.1",
                                {{"scenes", scenes.outputs.at("scenes")}});
  ASSERT_TRUE(speech.status.is_ok()) << speech.status.message();
  const double video_s = decoded_total_s(audio_of(speech)) + 0.1 * static_cast<double>(scene_count);
  EXPECT_NEAR(video_s, 25.0, 0.02 * 25.0 + 0.01);
}

}  // namespace
}  // namespace reelflow::tts_test
