// The tts stage with the espeak provider, run through the real stage harness and
// checked by decoding the WAV files it writes.
#include "tts_test_support.hpp"

#include <media_probe.hpp>
#include <stage_harness.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::tts_test {
namespace {

using testing::decode_audio_mono;
using testing::probe_media;
using testing::rms_db;
using testing::StageHarness;
using testing::StageRun;

constexpr int kEspeakRate = 22050;
// The decoded length may differ from the sample count by at most a sample (plus rounding).
constexpr double kOneSample = 1.0 / kEspeakRate + 1e-6;

const std::vector<std::string> kNarrations = {
    "Hello there.",
    "This sentence is a little longer than the first one.",
    "And this third narration is the longest of them all, with many more words to speak in a row.",
};

StageRun speak(StageHarness& harness, const std::string& params, const SceneList& scenes) {
  return harness.run("tts", params, {{"scenes", scenes}});
}

// Levels, measured on the decoded clip: espeak's words are -15 to -25 dBFS on average,
// its pauses digital silence.
constexpr double kSpeechDb = -32.0;   // a word's span is at least this loud
constexpr double kSilenceDb = -60.0;  // a pause is quieter than this

TEST(TtsEspeak, WritesOneDecodableClipPerSceneWithExactDuration) {
  StageHarness harness;
  const StageRun run = speak(harness, "provider: espeak\nvoice: en-us", scenes_from(kNarrations, 7));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioTrack track = audio_of(run);
  ASSERT_EQ(track.clips.size(), kNarrations.size());

  for (std::size_t i = 0; i < track.clips.size(); ++i) {
    const AudioClip& clip = track.clips[i];
    SCOPED_TRACE("clip " + std::to_string(i));
    EXPECT_EQ(clip.scene_index, 7 + static_cast<int>(i));
    EXPECT_EQ(clip.path.extension(), ".wav");
    ASSERT_TRUE(std::filesystem::exists(clip.path)) << clip.path;
    std::string error;
    const auto info = probe_media(clip.path, &error);
    ASSERT_TRUE(info) << error;
    EXPECT_TRUE(info->has_audio);
    EXPECT_FALSE(info->has_video);
    EXPECT_EQ(info->audio_rate, kEspeakRate);
    EXPECT_EQ(info->audio_channels, 1);
    EXPECT_NEAR(info->duration_s, clip.duration_s, kOneSample);
    EXPECT_GT(clip.duration_s, 0.3);
    // Someone speaks: the samples are not silence (the header alone says nothing about that).
    const auto pcm = decode_audio_mono(clip.path);
    EXPECT_GT(rms_db(pcm, 0.0, clip.duration_s), kSpeechDb);
  }
  // More text, more speech.
  EXPECT_LT(track.clips[0].duration_s, track.clips[1].duration_s);
  EXPECT_LT(track.clips[1].duration_s, track.clips[2].duration_s);
  // Clips must not overwrite each other.
  EXPECT_NE(track.clips[0].path, track.clips[1].path);

  ASSERT_FALSE(run.progress.empty());
  EXPECT_DOUBLE_EQ(run.progress.back(), 1.0);
  for (std::size_t i = 1; i < run.progress.size(); ++i) EXPECT_LE(run.progress[i - 1], run.progress[i]);
}

TEST(TtsEspeak, WordTimingsFollowTheWrittenWordsInsideTheClip) {
  StageHarness harness;
  const StageRun run = speak(harness, "provider: espeak", scenes_from(kNarrations));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioTrack track = audio_of(run);
  ASSERT_EQ(track.clips.size(), kNarrations.size());

  for (std::size_t i = 0; i < track.clips.size(); ++i) {
    const AudioClip& clip = track.clips[i];
    SCOPED_TRACE(kNarrations[i]);
    const auto expected = written_words(kNarrations[i]);
    ASSERT_EQ(clip.words.size(), expected.size());
    double previous_start = 0.0;
    for (std::size_t w = 0; w < clip.words.size(); ++w) {
      const WordTiming& word = clip.words[w];
      EXPECT_EQ(lower_letters(word.word), expected[w]);
      EXPECT_GE(word.start_s, previous_start);
      EXPECT_LE(word.start_s, word.end_s);
      EXPECT_LE(word.end_s, clip.duration_s + 1e-9);
      previous_start = word.start_s;
    }
    // Speech starts right away and the words spread over the clip.
    EXPECT_LT(clip.words.front().start_s, 0.3);
    EXPECT_NEAR(clip.words.back().end_s, clip.duration_s, 1e-9);
    if (clip.words.size() > 4) {
      EXPECT_GT(clip.words.back().start_s, clip.duration_s / 2);
    }
  }
}

// The timings are checked against the sound: every word's span holds speech, and the
// pause between two sentences is silence that ends where the next word is timed.
TEST(TtsEspeak, SpeechIsWhereTheWordTimingsSayItIs) {
  StageHarness harness;
  const std::string narration = "The first sentence ends here. Then a second one starts, and it goes on.";
  const StageRun run = speak(harness, "provider: espeak", scenes_from({narration}));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioClip clip = audio_of(run).clips.at(0);
  ASSERT_EQ(clip.words.size(), written_words(narration).size());
  const auto pcm = decode_audio_mono(clip.path);
  for (const WordTiming& word : clip.words)
    EXPECT_GT(rms_db(pcm, word.start_s, word.end_s), kSpeechDb) << "no speech in '" << word.word << "' at " << word.start_s;

  const WordTiming& then = clip.words.at(5);
  ASSERT_EQ(then.word, "Then");
  EXPECT_LT(rms_db(pcm, then.start_s - 0.15, then.start_s - 0.01), kSilenceDb) << "no pause before 'Then'";
  EXPECT_GT(rms_db(pcm, then.start_s, then.start_s + 0.1), kSpeechDb) << "'Then' is not spoken when it is timed";
}

TEST(TtsEspeak, NumbersAndAccentsKeepTheirWrittenForm) {
  StageHarness harness;
  const std::string narration = "Café prices rose 42 percent in Zürich.";
  const StageRun run = speak(harness, "provider: espeak", scenes_from({narration}));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioTrack track = audio_of(run);
  ASSERT_EQ(track.clips.size(), 1u);
  // "42" is spoken as two words but stays one written word; UTF-8 is cut at characters.
  std::vector<std::string> words;
  for (const auto& w : track.clips[0].words) words.push_back(w.word);
  EXPECT_EQ(words, (std::vector<std::string>{"Café", "prices", "rose", "42", "percent", "in", "Zürich"}));
}

TEST(TtsEspeak, WordTimingsComeFromTheSpeechNotTheSpelling) {
  StageHarness harness;
  // Seven digits, said as "one million two hundred thirty-four thousand ...": most of the clip.
  const StageRun run = speak(harness, "provider: espeak", scenes_from({"1234567 is big."}));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioClip clip = audio_of(run).clips.at(0);
  ASSERT_EQ(clip.words.size(), 3u);
  EXPECT_EQ(clip.words[0].word, "1234567");
  EXPECT_GT(clip.words[1].start_s, 0.6 * clip.duration_s) << "'is' starts at " << clip.words[1].start_s;
}

TEST(TtsEspeak, HigherRateGivesShorterAudio) {
  StageHarness harness;
  const auto scenes = scenes_from({kNarrations[2]});
  const StageRun slow = speak(harness, "provider: espeak\nrate: 120", scenes);
  const StageRun fast = speak(harness, "provider: espeak\nrate: 300", scenes);
  ASSERT_TRUE(slow.status.is_ok()) << slow.status.message();
  ASSERT_TRUE(fast.status.is_ok()) << fast.status.message();
  const double slow_s = audio_of(slow).clips.at(0).duration_s;
  const double fast_s = audio_of(fast).clips.at(0).duration_s;
  EXPECT_LT(fast_s, 0.7 * slow_s) << "120 wpm: " << slow_s << " s, 300 wpm: " << fast_s << " s";
}

TEST(TtsEspeak, GapAddsSilenceAfterTheLastWord) {
  StageHarness harness;
  const StageRun run = speak(harness, "provider: espeak\ngap_s: 0.5", scenes_from({kNarrations[1]}));
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioClip clip = audio_of(run).clips.at(0);
  ASSERT_FALSE(clip.words.empty());
  EXPECT_NEAR(clip.duration_s - clip.words.back().end_s, 0.5, kOneSample);
  const auto info = probe_media(clip.path);
  ASSERT_TRUE(info);
  EXPECT_NEAR(info->duration_s, clip.duration_s, kOneSample);
  const auto pcm = decode_audio_mono(clip.path);
  EXPECT_GT(rms_db(pcm, clip.words.back().start_s, clip.words.back().end_s), kSpeechDb);
  EXPECT_LT(rms_db(pcm, clip.words.back().end_s + 0.01, clip.duration_s), kSilenceDb) << "the gap is not silent";
}

TEST(TtsEspeak, BlankNarrationGivesSilenceOfThePlannedLength) {
  StageHarness harness;
  auto scenes = scenes_from({"   ", "", "Now we speak."});
  scenes.scenes[0].target_duration_s = 2.5;
  scenes.scenes[1].target_duration_s = 0.0;  // no plan: one second
  const StageRun run = speak(harness, "provider: espeak", scenes);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioTrack track = audio_of(run);
  ASSERT_EQ(track.clips.size(), 3u);
  EXPECT_NEAR(track.clips[0].duration_s, 2.5, kOneSample);
  EXPECT_NEAR(track.clips[1].duration_s, 1.0, kOneSample);
  EXPECT_TRUE(track.clips[0].words.empty());
  EXPECT_EQ(track.clips[2].words.size(), 3u);
  const auto info = probe_media(track.clips[0].path);
  ASSERT_TRUE(info);
  EXPECT_NEAR(info->duration_s, 2.5, kOneSample);
  EXPECT_LT(rms_db(decode_audio_mono(track.clips[0].path), 0.0, 2.5), kSilenceDb);
  EXPECT_GT(rms_db(decode_audio_mono(track.clips[2].path), 0.0, track.clips[2].duration_s), kSpeechDb);
}

TEST(TtsEspeak, UnknownVoiceFailsWithAClearError) {
  StageHarness harness;
  const StageRun run = speak(harness, "provider: espeak\nvoice: xx-nonsense", scenes_from({"Hello."}));
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("voice 'xx-nonsense'"), std::string::npos) << run.status.message();
  EXPECT_EQ(run.status.message().find('\n'), std::string::npos) << run.status.message();
  EXPECT_EQ(run.outputs.count("audio"), 0u);
}

TEST(TtsEspeak, AVoiceThatIsAPathIsRefusedBeforeEspeakOpensIt) {
  // espeak_SetVoiceByName opens the path it is given: "../../../../etc/passwd" made it
  // print the file and then crash the whole process. Only installed voices pass.
  StageHarness harness;
  for (const char* voice : {"../../../../etc/passwd", "/etc/passwd", "en-us/../../../../etc/passwd", "en-us+../x"}) {
    const StageRun run = speak(harness, std::string("provider: espeak\nvoice: \"") + voice + "\"", scenes_from({"Hello."}));
    ASSERT_FALSE(run.status.is_ok()) << voice;
    EXPECT_NE(run.status.message().find("espeak has no voice"), std::string::npos) << run.status.message();
    EXPECT_EQ(run.outputs.count("audio"), 0u);
  }
  // The names espeak really has still pass, with and without a variant.
  for (const char* voice : {"en-us", "en", "de", "en-gb-scotland", "en-us+f3"}) {
    const StageRun run = speak(harness, std::string("provider: espeak\nvoice: \"") + voice + "\"", scenes_from({"Hi."}));
    EXPECT_TRUE(run.status.is_ok()) << voice << ": " << run.status.message();
  }
}

TEST(TtsEspeak, RateOutsideEspeakRangeIsRejected) {
  StageHarness harness;
  const StageRun run = speak(harness, "provider: espeak\nrate: 500", scenes_from({"Hello."}));
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("rate"), std::string::npos) << run.status.message();
}

TEST(TtsEspeak, EmptySceneListIsAnError) {
  StageHarness harness;
  const StageRun run = speak(harness, "provider: espeak", SceneList{});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("no scenes"), std::string::npos) << run.status.message();
}

}  // namespace
}  // namespace reelflow::tts_test
