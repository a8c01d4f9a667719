// The tts stage with the openai provider, against a real local HTTP server that
// speaks POST /v1/audio/speech and serves WAV audio made by GStreamer.
#include "tts_speech_server.hpp"
#include "tts_test_support.hpp"

#include <media_probe.hpp>
#include <stage_harness.hpp>
#include <temp_dir.hpp>

#include <reelflow/gst_ptr.hpp>

#include <gst/gst.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace reelflow::tts_test {
namespace {

using testing::decode_audio_mono;
using testing::probe_media;
using testing::rms_db;
using testing::StageHarness;
using testing::StageRun;

constexpr const char* kApiKey = "sk-test-Zq8secretKEY123";
constexpr int kOutputRate = 24000;  // the stage's documented rate for this provider
constexpr double kOneSample = 1.0 / kOutputRate + 1e-6;

// A 1.5 s stereo 44.1 kHz sine as a WAV file, encoded by GStreamer's wavenc.
std::string sine_wav_bytes() {
  if (!gst_is_initialized()) gst_init(nullptr, nullptr);
  testing::TempDir dir("tts-wav");
  const auto file = dir / "sine.wav";
  const std::string description =
      "audiotestsrc num-buffers=15 samplesperbuffer=4410 freq=440 ! audio/x-raw,rate=44100,channels=2 ! wavenc ! "
      "filesink location=\"" + file.string() + "\"";
  gst::ErrorPtr error;
  GError* raw_error = nullptr;
  auto pipeline = gst::adopt_floating(gst_parse_launch(description.c_str(), &raw_error));
  error.reset(raw_error);
  if (!pipeline || error) {
    ADD_FAILURE() << "cannot build the WAV pipeline: " << (error ? error->message : "?");
    return {};
  }
  gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);
  gst::BusPtr bus(gst_element_get_bus(pipeline.get()));
  gst::MessagePtr message(gst_bus_timed_pop_filtered(
      bus.get(), 10 * GST_SECOND, static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);
  if (!message || GST_MESSAGE_TYPE(message.get()) != GST_MESSAGE_EOS) {
    ADD_FAILURE() << "the WAV pipeline did not finish";
    return {};
  }
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Like a streaming WAV from a TTS service: RIFF and data sizes unknown (0xFFFFFFFF),
// the samples running to the end of the file (wavenc's trailing LIST chunk dropped).
std::string with_streaming_sizes(std::string wav) {
  const auto data = wav.find("data", 12);
  if (data == std::string::npos || wav.size() < data + 8) {
    ADD_FAILURE() << "no data chunk";
    return wav;
  }
  const auto* size_bytes = reinterpret_cast<const unsigned char*>(wav.data() + data + 4);
  const std::size_t data_size = size_bytes[0] | size_bytes[1] << 8 | size_bytes[2] << 16 | std::size_t{size_bytes[3]} << 24;
  wav.resize(std::min(wav.size(), data + 8 + data_size));
  const std::string unknown(4, '\xFF');
  wav.replace(4, 4, unknown);
  wav.replace(data + 4, 4, unknown);
  return wav;
}

// The OpenAI speech endpoint of a SpeechServer.
class OpenAiServer : public SpeechServer {
 public:
  explicit OpenAiServer(Reply reply) : SpeechServer(R"(/v1/audio/speech)", std::move(reply)) {}
  std::string base_url() const { return url("/v1"); }
};

std::string openai_params(const OpenAiServer& server, const std::string& extra = "") {
  return "provider: openai\nbase_url: " + server.base_url() + "\napi_key: " + kApiKey +
         "\nmodel: tts-1\nopenai_voice: nova\n" + extra;
}

void expect_no_key_in(const StageRun& run) {
  EXPECT_EQ(run.status.message().find(kApiKey), std::string::npos) << run.status.message();
  for (const auto& line : run.log_lines) EXPECT_EQ(line.find(kApiKey), std::string::npos) << line;
}

TEST(TtsOpenAi, SendsTheSpeechRequestAndDecodesTheReplyToExactClips) {
  const std::string wav = sine_wav_bytes();
  ASSERT_FALSE(wav.empty());
  OpenAiServer server([&](const httplib::Request&, httplib::Response& res) { res.set_content(wav, "audio/wav"); });
  const std::vector<std::string> narrations = {"First scene words.", "Second scene, with more words."};

  StageHarness harness;
  // A sine is no speech: with nothing to align, no words (alignment has its own tests).
  const StageRun run =
      harness.run("tts", openai_params(server, "align: none"), {{"scenes", scenes_from(narrations, 3)}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].path, "/v1/audio/speech");
    EXPECT_EQ(requests[i].header("Authorization"), std::string("Bearer ") + kApiKey);
    const auto body = nlohmann::json::parse(requests[i].body);
    EXPECT_EQ(body.at("model"), "tts-1");
    EXPECT_EQ(body.at("voice"), "nova");
    EXPECT_EQ(body.at("response_format"), "wav");
    EXPECT_EQ(body.at("input"), narrations[i]);
  }

  const AudioTrack track = audio_of(run);
  ASSERT_EQ(track.clips.size(), 2u);
  for (std::size_t i = 0; i < track.clips.size(); ++i) {
    const AudioClip& clip = track.clips[i];
    EXPECT_EQ(clip.scene_index, 3 + static_cast<int>(i));
    EXPECT_NEAR(clip.duration_s, 1.5, kOneSample);
    EXPECT_TRUE(clip.words.empty());
    EXPECT_EQ(clip.path.string().find(kApiKey), std::string::npos);
    std::string error;
    const auto info = probe_media(clip.path, &error);
    ASSERT_TRUE(info) << error;
    EXPECT_EQ(info->audio_rate, kOutputRate);
    EXPECT_EQ(info->audio_channels, 1);
    EXPECT_NEAR(info->duration_s, clip.duration_s, kOneSample);
    // The served sine's level survives decoding and rewriting: 0.8 peak is -4.9 dBFS RMS.
    EXPECT_NEAR(rms_db(decode_audio_mono(clip.path), 0.1, 1.4), 20 * std::log10(0.8 / std::sqrt(2.0)), 1.0);
  }
  expect_no_key_in(run);
}

TEST(TtsOpenAi, DecodesStreamingWavWithUnknownSizes) {
  const std::string wav = with_streaming_sizes(sine_wav_bytes());
  OpenAiServer server([&](const httplib::Request&, httplib::Response& res) { res.set_content(wav, "audio/wav"); });
  StageHarness harness;
  const StageRun run = harness.run("tts", openai_params(server, "gap_s: 0.25"), {{"scenes", scenes_from({"Hi."})}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const AudioClip clip = audio_of(run).clips.at(0);
  EXPECT_NEAR(clip.duration_s, 1.75, kOneSample);
  const auto info = probe_media(clip.path);
  ASSERT_TRUE(info);
  EXPECT_NEAR(info->duration_s, 1.75, kOneSample);
}

TEST(TtsOpenAi, RejectedKeyIsAClearErrorWithoutRetryOrKey) {
  OpenAiServer server([](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"error":{"message":"Incorrect API key provided.","type":"invalid_request_error"}})",
                    "application/json");
  });
  StageHarness harness;
  const StageRun run = harness.run("tts", openai_params(server), {{"scenes", scenes_from({"Hello.", "Again."}, 4)}});
  ASSERT_FALSE(run.status.is_ok());
  const std::string& message = run.status.message();
  EXPECT_NE(message.find("401"), std::string::npos) << message;
  EXPECT_NE(message.find("scene 4"), std::string::npos) << message;
  EXPECT_NE(message.find("Incorrect API key"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(server.requests().size(), 1u);  // 4xx is never retried, later scenes not tried
  EXPECT_EQ(run.outputs.count("audio"), 0u);
  expect_no_key_in(run);
}

TEST(TtsOpenAi, GarbageAudioIsAnUndecodableReplyError) {
  std::string garbage(6000, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 7919u + 13u) % 251u);
  OpenAiServer server([&](const httplib::Request&, httplib::Response& res) { res.set_content(garbage, "audio/wav"); });
  StageHarness harness;
  const StageRun run = harness.run("tts", openai_params(server), {{"scenes", scenes_from({"Hello."})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("could not decode"), std::string::npos) << run.status.message();
  EXPECT_EQ(run.status.message().find('\n'), std::string::npos) << run.status.message();
  EXPECT_EQ(run.outputs.count("audio"), 0u);
  expect_no_key_in(run);
}

TEST(TtsOpenAi, JsonInsteadOfAudioIsNamed) {
  OpenAiServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"queued","id":"abc"})", "application/json");
  });
  StageHarness harness;
  const StageRun run = harness.run("tts", openai_params(server), {{"scenes", scenes_from({"Hello."})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("instead of audio"), std::string::npos) << run.status.message();
  EXPECT_NE(run.status.message().find("queued"), std::string::npos) << run.status.message();
  expect_no_key_in(run);
}

TEST(TtsOpenAi, ServerErrorsAreRetried) {
  const std::string wav = sine_wav_bytes();
  std::atomic<int> calls{0};
  OpenAiServer server([&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 503;
      res.set_header("Retry-After", "0");
      res.set_content("overloaded", "text/plain");
      return;
    }
    res.set_content(wav, "audio/wav");
  });
  StageHarness harness;
  const StageRun run =
      harness.run("tts", openai_params(server, "max_attempts: 2"), {{"scenes", scenes_from({"Hello."})}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_NEAR(audio_of(run).clips.at(0).duration_s, 1.5, kOneSample);
}

TEST(TtsOpenAi, MissingKeyFailsBeforeAnyRequest) {
  OpenAiServer server([](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  StageHarness harness;
  const StageRun run = harness.run("tts", "provider: openai\nbase_url: " + server.base_url(),
                                   {{"scenes", scenes_from({"Hello."})}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("api_key"), std::string::npos) << run.status.message();
  EXPECT_TRUE(server.requests().empty());
}

}  // namespace
}  // namespace reelflow::tts_test
