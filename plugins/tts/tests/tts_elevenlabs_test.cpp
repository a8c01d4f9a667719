// The tts stage with the elevenlabs provider, against a real local HTTP server
// speaking the ElevenLabs `with-timestamps` protocol: base64 audio (real espeak
// speech) and per-character start/end times.
#include "tts_speech_server.hpp"
#include "tts_test_support.hpp"

#include <media_probe.hpp>
#include <stage_harness.hpp>

#include <glib.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::tts_test {
namespace {

using testing::probe_media;
using testing::StageHarness;
using testing::StageRun;

constexpr const char* kApiKey = "xi-test-Zq8secretELEVEN";
constexpr const char* kVoice = "TestVoice_01";
constexpr const char* kPath = "/v1/text-to-speech/TestVoice_01/with-timestamps";
const std::string kNarration = "Coral reefs shelter a quarter of all marine life.";

std::string base64(const std::string& bytes) {
  std::unique_ptr<gchar, decltype(&g_free)> text(
      g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size()), &g_free);
  return text.get();
}

// The reply the API gives: the audio, and each character of the text timed
// inside its word's true span (spaces at the end of the word before them).
std::string with_timestamps_reply(const std::string& text, const SpokenClip& speech) {
  nlohmann::json characters = nlohmann::json::array(), starts = nlohmann::json::array(),
                 ends = nlohmann::json::array();
  std::size_t word = 0;
  std::size_t in_word = 0;
  std::size_t word_length = 0;
  for (std::size_t c = 0; c < text.size(); ++c) {
    characters.push_back(std::string(1, text[c]));
    if (text[c] == ' ') {
      const double at = speech.words.at(word).end_s;
      starts.push_back(at), ends.push_back(at);
      ++word, in_word = 0;
      continue;
    }
    if (in_word == 0) word_length = text.find(' ', c) == std::string::npos ? text.size() - c : text.find(' ', c) - c;
    const WordTiming& timing = speech.words.at(word);
    const double step = (timing.end_s - timing.start_s) / static_cast<double>(word_length);
    starts.push_back(timing.start_s + step * in_word);
    ends.push_back(timing.start_s + step * (in_word + 1));
    ++in_word;
  }
  return nlohmann::json{{"audio_base64", base64(speech.wav)},
                        {"alignment",
                         {{"characters", characters},
                          {"character_start_times_seconds", starts},
                          {"character_end_times_seconds", ends}}}}
      .dump();
}

class ElevenLabsServer : public SpeechServer {
 public:
  explicit ElevenLabsServer(Reply reply) : SpeechServer(R"(/v1/text-to-speech/([^/]+)/with-timestamps)", std::move(reply)) {}
  std::string params(const std::string& extra = "") const {
    return "provider: elevenlabs\nelevenlabs_base_url: " + url("") + "\nelevenlabs_voice: " + kVoice +
           "\nelevenlabs_model: eleven_test_v1\napi_key: " + kApiKey + "\n" + extra;
  }
};

void expect_no_key_in(const StageRun& run) {
  EXPECT_EQ(run.status.message().find(kApiKey), std::string::npos) << run.status.message();
  for (const auto& line : run.log_lines) EXPECT_EQ(line.find(kApiKey), std::string::npos) << line;
}

TEST(TtsElevenLabs, SpeaksWithTheProvidersWordTimings) {
  StageHarness harness;
  const SpokenClip speech = espeak_speech(harness, kNarration);
  const std::string reply = with_timestamps_reply(kNarration, speech);
  ElevenLabsServer server([&](const httplib::Request&, httplib::Response& res) {
    res.set_content(reply, "application/json");
  });
  const StageRun run = harness.run("tts", server.params(), {{"scenes", scenes_from({kNarration}, 2)}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, kPath);
  EXPECT_EQ(requests[0].header("xi-api-key"), kApiKey);
  EXPECT_EQ(requests[0].header("Authorization"), "");
  const auto body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body.at("text"), kNarration);
  EXPECT_EQ(body.at("model_id"), "eleven_test_v1");

  const AudioClip clip = audio_of(run).clips.at(0);
  EXPECT_EQ(clip.scene_index, 2);
  const auto info = probe_media(clip.path);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->audio_rate, 44100);
  EXPECT_NEAR(info->duration_s, speech.duration_s, 0.001);
  EXPECT_NEAR(clip.duration_s, speech.duration_s, 0.001);
  // The provider's times, not an alignment: each word starts at its first character.
  ASSERT_EQ(clip.words.size(), speech.words.size());
  for (std::size_t i = 0; i < clip.words.size(); ++i) {
    EXPECT_EQ(clip.words[i].word, speech.words[i].word);
    EXPECT_NEAR(clip.words[i].start_s, speech.words[i].start_s, 1e-6) << clip.words[i].word;
  }
  expect_complete_timings(clip.words, clip.duration_s);
  expect_no_key_in(run);
}

TEST(TtsElevenLabs, RejectedKeyFailsAtOnceWithoutRetryOrKey) {
  ElevenLabsServer server([](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"detail":{"status":"invalid_api_key","message":"Invalid API key"}})", "application/json");
  });
  StageHarness harness;
  const StageRun run = harness.run("tts", server.params("max_attempts: 3"), {{"scenes", scenes_from({"Hello.", "Again."}, 5)}});
  ASSERT_FALSE(run.status.is_ok());
  const std::string& message = run.status.message();
  EXPECT_NE(message.find("scene 5"), std::string::npos) << message;
  EXPECT_NE(message.find("HTTP 401 (check api_key)"), std::string::npos) << message;
  EXPECT_NE(message.find("Invalid API key"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(run.outputs.count("audio"), 0u);
  expect_no_key_in(run);
}

TEST(TtsElevenLabs, ServerErrorsAreRetried) {
  StageHarness harness;
  const SpokenClip speech = espeak_speech(harness, kNarration);
  const std::string reply = with_timestamps_reply(kNarration, speech);
  std::atomic<int> calls{0};
  ElevenLabsServer server([&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 503;
      res.set_header("Retry-After", "0");
      res.set_content("busy", "text/plain");
      return;
    }
    res.set_content(reply, "application/json");
  });
  const StageRun run = harness.run("tts", server.params("max_attempts: 2"), {{"scenes", scenes_from({kNarration})}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(audio_of(run).clips.at(0).words.size(), speech.words.size());
}

TEST(TtsElevenLabs, ReplyWithoutAlignmentIsNamed) {
  ElevenLabsServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"audio_base64":"UklGRg=="})", "application/json");
  });
  StageHarness harness;
  const StageRun run = harness.run("tts", server.params(), {{"scenes", scenes_from({"Hello."})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("without a character alignment"), std::string::npos) << run.status.message();
  expect_no_key_in(run);
}

TEST(TtsElevenLabs, MissingKeyOrBadVoiceFailsBeforeAnyRequest) {
  ElevenLabsServer server([](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  StageHarness harness;
  const StageRun run = harness.run("tts", "provider: elevenlabs\nelevenlabs_base_url: " + server.url(""),
                                   {{"scenes", scenes_from({"Hello."})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("ELEVENLABS_API_KEY"), std::string::npos) << run.status.message();
  EXPECT_TRUE(server.requests().empty());
  const auto errors = harness.check("tts", "provider: elevenlabs\nelevenlabs_voice: \"abc?x=1\"",
                                    {{"scenes", scenes_from({"Hello."})}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("elevenlabs_voice"), std::string::npos) << errors[0];
}

}  // namespace
}  // namespace reelflow::tts_test
