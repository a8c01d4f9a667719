#include "voice_rate_stage.hpp"

#include "espeak_synthesizer.hpp"
#include "speech_rate.hpp"

#include <cstdio>
#include <memory>

namespace reelflow::tts {

void VoiceRateStage::setup(StageSpec& spec) {
  spec.describe("Measures a voice's speaking rate (written words per second) for llm_script and scene_segmenter; "
                "give it the voice, rate and pitch of the tts stage");
  spec.output("rate", kSpeechRateType, "the measured rate: {\"words_per_second\": ...}");
  spec.param("provider", "espeak", "speech engine to measure: espeak (offline)").one_of({"espeak"});
  spec.param("voice", "en-us", "espeak voice, as the tts stage's voice");
  spec.param("rate", 165, "espeak speaking rate in words per minute, as the tts stage's rate").range(80, 450);
  spec.param("pitch", 50, "espeak base pitch, as the tts stage's pitch").range(0, 99);
  spec.trust("voice", ParamTrust::Name);
}

void VoiceRateStage::check(const CheckContext& context, CheckReport& report) {
  if (Status voice = EspeakSynthesizer::check_voice(context.params().str("voice")); !voice)
    report.error("voice", voice.message(), "a voice espeak-ng has installed (espeak-ng --voices)");
}

Status VoiceRateStage::process(StageContext& context) {
  const ParamSet& p = context.params();
  EspeakSettings settings;
  settings.voice = p.str("voice");
  settings.rate_wpm = static_cast<int>(p.integer("rate"));
  settings.pitch = static_cast<int>(p.integer("pitch"));
  auto cancelled = [&context] { return context.cancelled(); };
  std::unique_ptr<SpeechSynthesizer> synthesizer;
  if (Status status = EspeakSynthesizer::open(settings, cancelled, synthesizer); !status) return status;

  double words_per_second = 0.0;
  if (Status status = measure_speech_rate(*synthesizer, cancelled, words_per_second); !status) return status;
  char summary[128];
  std::snprintf(summary, sizeof summary, "espeak voice %s at %d words/min speaks %.2f written words/s",
                settings.voice.c_str(), settings.rate_wpm, words_per_second);
  context.log(LogLevel::Info, summary);
  context.progress(1.0, summary);
  context.set_output("rate", speech_rate_record(words_per_second));
  return Status::ok();
}

}  // namespace reelflow::tts
