#include "speech_rate.hpp"

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

namespace reelflow::tts {
namespace {

// Plain explainer prose with the word lengths, numbers-free wording and sentence
// lengths of a script's scenes, so the rate it gives is the rate scenes are spoken at.
constexpr const char* kCalibrationText[] = {
    "Most people have heard of this idea, but very few could explain it in a single sentence.",
    "Here is how it works, step by step, from the first small change to the final result.",
    "It matters because it quietly shapes the decisions, products and habits we rely on every day.",
    "The surprising part is how simple the basic rules are, once you see them side by side.",
};

int count_words(const std::string& text) {
  std::istringstream in(text);
  int n = 0;
  for (std::string w; in >> w;) ++n;
  return n;
}

}  // namespace

const char* const kSpeechRateDoc = "a voice's measured speaking rate in written words per second (tts voice_rate)";
const char* const kSpeechRateSchema =
    R"({"type":"object","required":["words_per_second"],)"
    R"("properties":{"words_per_second":{"type":"number","exclusiveMinimum":0}}})";

Record speech_rate_record(double words_per_second) {
  return Record{kSpeechRateType, nlohmann::json{{"words_per_second", words_per_second}}.dump()};
}

Status measure_speech_rate(SpeechSynthesizer& synthesizer, const std::function<bool()>& cancelled,
                           double& words_per_second) {
  int words = 0;
  double seconds = 0.0;
  int clip = 0;
  for (const char* text : kCalibrationText) {
    if (cancelled()) return Status::error("cancelled");
    Speech speech;
    if (Status status = synthesizer.synthesize(text, "calibration-" + std::to_string(clip++), speech); !status)
      return Status::error("measuring the speaking rate: " + status.message());
    words += count_words(text);
    seconds += speech.audio.duration_s();
  }
  if (!(seconds > 0.0)) return Status::error("measuring the speaking rate: the voice produced no audio");
  words_per_second = words / seconds;
  return Status::ok();
}

}  // namespace reelflow::tts
