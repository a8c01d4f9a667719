// Word timings by forced alignment (PocketSphinx): real espeak speech, whose own
// word events are the truth, served by a real local OpenAI-compatible server
// (which gives no timings); the stage must find where each word is spoken.
#include "tts_speech_server.hpp"
#include "tts_test_support.hpp"

#include <stage_harness.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace reelflow::tts_test {
namespace {

using testing::StageHarness;
using testing::StageRun;

constexpr const char* kApiKey = "sk-align-test-KEY";

// Measured with PocketSphinx 5prealpha (Debian 12) on these sentences: median
// start error 9-13 ms, worst word 62-67 ms (numbers and an unknown word: 10 and
// 44 ms). The bounds leave room for espeak's run-to-run flutter.
constexpr double kMaxMedianStartError = 0.04;
constexpr double kMaxStartError = 0.15;

const std::vector<std::string> kNarrations = {
    "The quick brown fox jumps over the lazy dog while the sun sets behind the hills.",
    "Coral reefs cover less than one percent of the ocean floor, yet they shelter a quarter of all marine life.",
    "Volcanoes form where molten rock rises through cracks in the crust and erupts at the surface.",
};

// Serves, for each narration, the WAV espeak made of it.
class OpenAiSpeech {
 public:
  explicit OpenAiSpeech(std::map<std::string, std::string> wav_by_text)
      : wav_by_text_(std::move(wav_by_text)),
        server_(R"(/v1/audio/speech)", [this](const httplib::Request& req, httplib::Response& res) {
          const auto input = nlohmann::json::parse(req.body).at("input").get<std::string>();
          auto it = wav_by_text_.find(input);
          if (it == wav_by_text_.end()) {
            res.status = 400;
            res.set_content(R"({"error":"unexpected input"})", "application/json");
            return;
          }
          res.set_content(it->second, "audio/wav");
        }) {}

  std::string params(const std::string& extra = "") const {
    return "provider: openai\nbase_url: " + server_.url("/v1") + "\napi_key: " + kApiKey + "\n" + extra;
  }

 private:
  std::map<std::string, std::string> wav_by_text_;
  SpeechServer server_;
};

TEST(TtsAlignment, OpenAiSpeechGetsWordTimingsWhereTheWordsAreSpoken) {
  StageHarness harness;
  std::map<std::string, std::string> wavs;
  std::vector<SpokenClip> truth;
  for (const auto& narration : kNarrations) {
    truth.push_back(espeak_speech(harness, narration));
    wavs[narration] = truth.back().wav;
  }
  OpenAiSpeech speech(wavs);
  const StageRun run = harness.run("tts", speech.params(), {{"scenes", scenes_from(kNarrations)}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioTrack track = audio_of(run);
  ASSERT_EQ(track.clips.size(), kNarrations.size());
  for (std::size_t i = 0; i < kNarrations.size(); ++i) {
    SCOPED_TRACE(kNarrations[i]);
    const AudioClip& clip = track.clips[i];
    ASSERT_EQ(clip.words.size(), truth[i].words.size());
    expect_complete_timings(clip.words, clip.duration_s);
    const StartErrors errors = start_errors(clip.words, truth[i].words);
    std::printf("[ measured ] clip %zu: %zu words, median start error %.0f ms, max %.0f ms\n", i, clip.words.size(),
                errors.median_s * 1000, errors.max_s * 1000);
    EXPECT_LT(errors.median_s, kMaxMedianStartError);
    EXPECT_LT(errors.max_s, kMaxStartError);
  }
}

TEST(TtsAlignment, NumbersAndUnknownWordsAreTimedInOrder) {
  // "1990" and "42" are said as words the dictionary has; "zorblaxian" is in no
  // dictionary: the phone loop absorbs it and it is interpolated between its neighbours.
  const std::string narration = "In 1990, 42 zorblaxian divers found the reef's oldest coral.";
  StageHarness harness;
  const SpokenClip truth = espeak_speech(harness, narration);
  OpenAiSpeech speech(std::map<std::string, std::string>{{narration, truth.wav}});
  const StageRun run = harness.run("tts", speech.params("align: pocketsphinx"), {{"scenes", scenes_from({narration})}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioClip clip = audio_of(run).clips.at(0);
  EXPECT_EQ(written_words(narration).size(), clip.words.size());
  expect_complete_timings(clip.words, clip.duration_s);
  const StartErrors errors = start_errors(clip.words, truth.words);
  std::printf("[ measured ] numbers: median start error %.0f ms, max %.0f ms\n", errors.median_s * 1000,
              errors.max_s * 1000);
  EXPECT_LT(errors.median_s, kMaxMedianStartError);
  EXPECT_LT(errors.max_s, kMaxStartError);
}

TEST(TtsAlignment, EspeakKeepsItsOwnTimingsUnlessAlignmentIsAsked) {
  const std::string narration = kNarrations[0];
  StageHarness harness;
  const SpokenClip own = espeak_speech(harness, narration);
  const StageRun aligned =
      harness.run("tts", "provider: espeak\nalign: pocketsphinx", {{"scenes", scenes_from({narration})}});
  ASSERT_TRUE(aligned.status.is_ok()) << aligned.status.message();
  const AudioClip clip = audio_of(aligned).clips.at(0);
  // Aligned, not copied: the recogniser's 10 ms frames show in the times.
  bool differs = false;
  for (std::size_t i = 0; i < clip.words.size() && i < own.words.size(); ++i)
    differs = differs || clip.words[i].start_s != own.words[i].start_s;
  EXPECT_TRUE(differs);
  EXPECT_LT(start_errors(clip.words, own.words).median_s, kMaxMedianStartError);
}

TEST(TtsAlignment, AutoWithoutAModelWarnsAndLeavesSentenceCaptions) {
  StageHarness harness;
  const SpokenClip truth = espeak_speech(harness, kNarrations[0]);
  OpenAiSpeech speech(std::map<std::string, std::string>{{kNarrations[0], truth.wav}});
  const StageRun run =
      harness.run("tts", speech.params("align_language: xx-yy"), {{"scenes", scenes_from({kNarrations[0]})}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_TRUE(audio_of(run).clips.at(0).words.empty());
  bool warned = false;
  for (const auto& line : run.log_lines)
    warned = warned || (line.find("no PocketSphinx model for 'xx-yy'") != std::string::npos &&
                        line.find("sentences") != std::string::npos);
  EXPECT_TRUE(warned);
}

TEST(TtsAlignment, BadLanguageOrMissingModelIsFoundBeforeItRuns) {
  StageHarness harness;
  const std::map<std::string, Value> kScenes = {{"scenes", scenes_from({"Hello."})}};
  const auto missing = harness.check("tts", "align: pocketsphinx\nalign_language: xx-yy", kScenes);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].find("no PocketSphinx model for 'xx-yy'"), std::string::npos) << missing[0];
  const auto path = harness.check("tts", "align_language: ../../etc", kScenes);
  ASSERT_EQ(path.size(), 1u);
  EXPECT_NE(path[0].find("not a language tag"), std::string::npos) << path[0];
  EXPECT_TRUE(harness.check("tts", "align: pocketsphinx", kScenes).empty());
}

}  // namespace
}  // namespace reelflow::tts_test
