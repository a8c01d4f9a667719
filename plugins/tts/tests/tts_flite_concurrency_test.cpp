// Flite keeps global state and a voice's features (its duration_stretch, which the
// speed sets) are shared by everyone speaking with it, while the runtime runs
// independent stages at once: synthesizers of the same voice at different speeds,
// used from two threads, must each get speech at their own speed.
#include "flite_synthesizer.hpp"

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::tts {
namespace {

const std::string kText = "Several stages may speak at the same time, each at its own speed.";
const std::string kPhrase = "Each at its own speed.";

std::unique_ptr<SpeechSynthesizer> open_flite(double speed) {
  std::unique_ptr<SpeechSynthesizer> synthesizer;
  const Status status = FliteSynthesizer::open(FliteSettings{"cmu_us_slt", speed}, synthesizer);
  EXPECT_TRUE(status.is_ok()) << status.message();
  return synthesizer;
}

std::size_t samples_of(SpeechSynthesizer& synthesizer, const std::string& text) {
  Speech speech;
  const Status status = synthesizer.synthesize(text, "clip", speech);
  EXPECT_TRUE(status.is_ok()) << status.message();
  return speech.audio.samples.size();
}

TEST(FliteConcurrency, ThreadsKeepTheirOwnSpeed) {
  auto slow = open_flite(0.8);
  auto fast = open_flite(1.25);
  ASSERT_TRUE(slow && fast);
  const std::size_t slow_alone = samples_of(*slow, kText);
  const std::size_t fast_alone = samples_of(*fast, kText);
  // Length is inversely proportional to the speed: 0.8x is 1.56 times as long as 1.25x.
  EXPECT_NEAR(static_cast<double>(slow_alone) / static_cast<double>(fast_alone), 1.25 / 0.8, 0.08);

  // Short phrases, many times: the speed is read early in each synthesis, so without
  // the lock the other thread's setting wins only now and then.
  auto repeat = [](SpeechSynthesizer* synthesizer) {
    std::vector<std::size_t> lengths;
    for (int i = 0; i < 100; ++i) lengths.push_back(samples_of(*synthesizer, kPhrase));
    return lengths;
  };
  auto slow_future = std::async(std::launch::async, repeat, slow.get());
  auto fast_future = std::async(std::launch::async, repeat, fast.get());
  // Flite is deterministic: the same text at the same speed gives the same samples.
  const std::size_t slow_phrase = samples_of(*slow, kPhrase);
  const std::size_t fast_phrase = samples_of(*fast, kPhrase);
  int wrong = 0;
  for (std::size_t length : slow_future.get()) wrong += length != slow_phrase;
  for (std::size_t length : fast_future.get()) wrong += length != fast_phrase;
  EXPECT_EQ(wrong, 0) << "phrases spoken at the other thread's speed";
}

TEST(FliteConcurrency, AVoiceThatIsNotLinkedInIsRefused) {
  std::unique_ptr<SpeechSynthesizer> synthesizer;
  const Status status = FliteSynthesizer::open(FliteSettings{"../../etc/passwd", 1.0}, synthesizer);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message().find("flite has no voice"), std::string::npos) << status.message();
  EXPECT_FALSE(synthesizer);
}

}  // namespace
}  // namespace reelflow::tts
