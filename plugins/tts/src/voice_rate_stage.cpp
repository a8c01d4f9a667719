#include "voice_rate_stage.hpp"

#include "espeak_synthesizer.hpp"
#include "flite_synthesizer.hpp"
#include "speech_rate.hpp"

#include <cstdio>
#include <memory>
#include <string>

namespace reelflow::tts {

void VoiceRateStage::setup(StageSpec& spec) {
  spec.describe("Measures a voice's speaking rate (written words per second) for llm_script and scene_segmenter; "
                "give it the provider, voice, rate and pitch (or flite_voice) of the tts stage");
  spec.output("rate", kSpeechRateType, "the measured rate: {\"words_per_second\": ...}");
  spec.param("provider", "espeak", "speech engine to measure: espeak or flite (both offline)")
      .one_of({"espeak", "flite"});
  spec.param("voice", "en-us", "espeak voice, as the tts stage's voice");
  spec.param("rate", 165, "espeak speaking rate in words per minute, as the tts stage's rate").range(80, 450);
  spec.param("pitch", 50, "espeak base pitch, as the tts stage's pitch").range(0, 99);
  FliteSynthesizer::declare_params(spec);
  spec.trust("voice", ParamTrust::Name);
}

void VoiceRateStage::check(const CheckContext& context, CheckReport& report) {
  if (context.params().str("provider") != "espeak") return;
  if (Status voice = EspeakSynthesizer::check_voice(context.params().str("voice")); !voice)
    report.error("voice", voice.message(), "a voice espeak-ng has installed (espeak-ng --voices)");
}

namespace {

// The voice to measure, as the tts stage opens it at speed 1; `voice` names it for the log.
Status open_measured_voice(StageContext& context, std::unique_ptr<SpeechSynthesizer>& synthesizer,
                           std::string& voice) {
  const ParamSet& p = context.params();
  if (p.str("provider") == "flite") {
    voice = "flite voice " + p.str("flite_voice");
    return FliteSynthesizer::open(FliteSynthesizer::settings_from(p, 1.0), synthesizer);
  }
  EspeakSettings settings;
  settings.voice = p.str("voice");
  settings.rate_wpm = static_cast<int>(p.integer("rate"));
  settings.pitch = static_cast<int>(p.integer("pitch"));
  voice = "espeak voice " + settings.voice + " at " + std::to_string(settings.rate_wpm) + " words/min";
  return EspeakSynthesizer::open(settings, [&context] { return context.cancelled(); }, synthesizer);
}

}  // namespace

Status VoiceRateStage::process(StageContext& context) {
  std::unique_ptr<SpeechSynthesizer> synthesizer;
  std::string voice;
  if (Status status = open_measured_voice(context, synthesizer, voice); !status) return status;

  double words_per_second = 0.0;
  auto cancelled = [&context] { return context.cancelled(); };
  if (Status status = measure_speech_rate(*synthesizer, cancelled, words_per_second); !status) return status;
  char rate[64];
  std::snprintf(rate, sizeof rate, " speaks %.2f written words/s", words_per_second);
  const std::string summary = voice + rate;
  context.log(LogLevel::Info, summary);
  context.progress(1.0, summary);
  context.set_output("rate", speech_rate_record(words_per_second));
  return Status::ok();
}

}  // namespace reelflow::tts
