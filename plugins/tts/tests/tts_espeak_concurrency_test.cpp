// libespeak-ng has process-wide state and is not thread-safe, while the runtime
// runs independent stages at once: synthesizers used from several threads must
// each get speech made with their own settings (and must not crash).
#include "espeak_synthesizer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::tts {
namespace {

const std::string kText = "Several stages may speak at the same time, each with its own voice and rate.";

std::unique_ptr<SpeechSynthesizer> open_espeak(int rate, int pitch, std::function<bool()> cancelled = [] { return false; }) {
  EspeakSettings settings;
  settings.rate_wpm = rate;
  settings.pitch = pitch;
  std::unique_ptr<SpeechSynthesizer> synthesizer;
  const Status status = EspeakSynthesizer::open(settings, std::move(cancelled), synthesizer);
  EXPECT_TRUE(status.is_ok()) << status.message();
  return synthesizer;
}

Speech speak(SpeechSynthesizer& synthesizer) {
  Speech speech;
  const Status status = synthesizer.synthesize(kText, "clip", speech);
  EXPECT_TRUE(status.is_ok()) << status.message();
  return speech;
}

TEST(EspeakConcurrency, ThreadsKeepTheirOwnSettings) {
  auto slow = open_espeak(100, 30);
  auto fast = open_espeak(400, 80);
  ASSERT_TRUE(slow && fast);
  const Speech slow_alone = speak(*slow);
  const Speech fast_alone = speak(*fast);
  ASSERT_LT(fast_alone.audio.duration_s(), 0.6 * slow_alone.audio.duration_s());

  auto repeat = [](SpeechSynthesizer* synthesizer) {
    std::vector<Speech> results;
    for (int i = 0; i < 4; ++i) results.push_back(speak(*synthesizer));
    return results;
  };
  auto slow_future = std::async(std::launch::async, repeat, slow.get());
  auto fast_future = std::async(std::launch::async, repeat, fast.get());
  const auto slow_results = slow_future.get();
  const auto fast_results = fast_future.get();

  // espeak varies a little from call to call, never by 10 %.
  auto expect_like = [](const std::vector<Speech>& results, const Speech& alone) {
    const double length = alone.audio.duration_s();
    const double last_word = alone.words.back().start_s;
    for (const Speech& s : results) {
      EXPECT_EQ(s.audio.sample_rate, alone.audio.sample_rate);
      EXPECT_NEAR(s.audio.duration_s(), length, 0.1 * length);
      ASSERT_EQ(s.words.size(), alone.words.size());
      EXPECT_NEAR(s.words.back().start_s, last_word, 0.1 * last_word);
    }
  };
  expect_like(slow_results, slow_alone);
  expect_like(fast_results, fast_alone);
}

TEST(EspeakConcurrency, CancellationStopsSpeaking) {
  std::atomic<bool> cancel{false};
  auto synthesizer = open_espeak(165, 50, [&] { return cancel.load(); });
  ASSERT_TRUE(synthesizer);
  cancel = true;
  Speech speech;
  const Status status = synthesizer->synthesize(kText, "clip", speech);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.message(), "cancelled");
  EXPECT_TRUE(speech.audio.samples.empty());
}

}  // namespace
}  // namespace reelflow::tts
