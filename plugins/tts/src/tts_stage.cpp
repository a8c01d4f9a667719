#include "tts_stage.hpp"

#include "elevenlabs_synthesizer.hpp"
#include "espeak_synthesizer.hpp"
#include "flite_synthesizer.hpp"
#include "length_fit.hpp"
#include "openai_synthesizer.hpp"
#include "wav_writer.hpp"
#include "word_aligner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace reelflow::tts {
namespace {

// A scene with nothing to say still gets a clip, so the video keeps its picture.
constexpr double kDefaultSilentSceneS = 1.0;

// `speed` scales the configured speaking rate (the length fit changes it); `pitch_shift`
// moves espeak's pitch (a redone scene's take).
Status open_synthesizer(StageContext& context, double speed, int pitch_shift,
                        std::unique_ptr<SpeechSynthesizer>& synthesizer) {
  const ParamSet& p = context.params();
  if (p.str("provider") == "openai") {
    context.log(LogLevel::Info, "speaking with model " + p.str("model") + ", voice " + p.str("openai_voice") + " at " +
                                    p.str("base_url"));
    OpenAiSettings settings;
    settings.base_url = p.str("base_url");
    settings.model = p.str("model");
    settings.voice = p.str("openai_voice");
    settings.api_key = p.str("api_key");
    settings.timeout_s = p.number("timeout_s");
    settings.max_attempts = static_cast<int>(p.integer("max_attempts"));
    settings.speed = speed;
    return OpenAiSynthesizer::open(settings, context, synthesizer);
  }
  if (p.str("provider") == "elevenlabs") {
    context.log(LogLevel::Info, "speaking with ElevenLabs voice " + p.str("elevenlabs_voice") + ", model " +
                                    p.str("elevenlabs_model") + " at " + p.str("elevenlabs_base_url"));
    return ElevenLabsSynthesizer::open(ElevenLabsSynthesizer::settings_from(p), context, synthesizer);
  }
  if (p.str("provider") == "flite") {
    context.log(LogLevel::Info,
                "speaking with flite voice " + p.str("flite_voice") + " at speed " + std::to_string(speed));
    return FliteSynthesizer::open(FliteSynthesizer::settings_from(p, speed), synthesizer);
  }
  EspeakSettings settings;
  settings.voice = p.str("voice");
  settings.rate_wpm = std::clamp(static_cast<int>(std::lround(static_cast<double>(p.integer("rate")) * speed)), 80, 450);
  context.log(LogLevel::Info, "speaking with espeak voice " + settings.voice + " at " +
                                  std::to_string(settings.rate_wpm) + " words/min");
  settings.pitch = std::clamp(static_cast<int>(p.integer("pitch")) + pitch_shift, 0, 99);
  return EspeakSynthesizer::open(settings, [&context] { return context.cancelled(); }, synthesizer);
}

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", s);
  return text;
}

std::string clip_name(std::size_t position) {
  char name[32];
  std::snprintf(name, sizeof name, "scene-%03zu", position);
  return name;
}

// A redone scene's take is spoken again: by an API (whose voices vary by themselves),
// or by espeak at another pitch, +8, -8, +16, ... for takes 1, 2, 3, ...
int take_pitch_shift(int take) {
  const int step = 8 * ((take + 1) / 2);
  return take % 2 == 1 ? step : -step;
}

// On a redo, the clips of the scenes not redone come from the stage's earlier output
// (its stage cache entry for the same scenes), when it has one clip per scene.
const AudioTrack* kept_track(const StageContext& context, std::size_t scene_count) {
  if (context.redo().empty()) return nullptr;
  const Value* previous = context.previous_output("audio");
  const auto* track = previous ? std::get_if<AudioTrack>(previous) : nullptr;
  return track && track->clips.size() == scene_count ? track : nullptr;
}

// Speaks every scene at `speed` but those `kept` from an earlier output; `spoken`
// splits the result into what scales with the speed and what does not (for the length fit).
Status speak_scenes(StageContext& context, const std::vector<Scene>& scenes, double speed, const AudioTrack* kept,
                    std::vector<Speech>& speeches, std::vector<double>& speech_ends_s, SpokenLength& spoken) {
  const SceneRedo& redo = context.redo();
  std::unique_ptr<SpeechSynthesizer> synthesizer, retake;
  if (Status status = open_synthesizer(context, speed, 0, synthesizer); !status) return status;
  if (!redo.empty())
    if (Status status = open_synthesizer(context, speed, take_pitch_shift(redo.take), retake); !status) return status;
  const double gap_s = context.params().number("gap_s");
  const double scene_extra_s = context.params().number("scene_extra_s");
  speeches.assign(scenes.size(), Speech{});
  speech_ends_s.assign(scenes.size(), 0.0);
  spoken = SpokenLength{};
  for (std::size_t i = 0; i < scenes.size(); ++i) {
    if (context.cancelled()) return Status::error("cancelled");
    if (kept && !redo.covers(i)) continue;
    const Scene& scene = scenes[i];
    const std::string where = "scene " + std::to_string(scene.index);
    context.progress(static_cast<double>(i) / static_cast<double>(scenes.size()),
                     "speaking scene " + std::to_string(i + 1) + "/" + std::to_string(scenes.size()));

    Speech& speech = speeches[i];
    SpeechSynthesizer& voice = redo.covers(i) ? *retake : *synthesizer;
    if (is_blank(scene.narration)) {
      const double length = scene.target_duration_s > 0.0 ? scene.target_duration_s : kDefaultSilentSceneS;
      speech.audio = silence(voice.sample_rate(), length);
      context.log(LogLevel::Info, where + ": no narration, " + seconds(length) + " of silence");
      spoken.fixed_s += length;
    } else if (Status status = voice.synthesize(scene.narration, clip_name(i), speech); !status) {
      if (context.cancelled()) return Status::error("cancelled");
      return Status::error(where + ": " + status.message());
    } else {
      spoken.speech_s += speech.audio.duration_s();
    }
    speech_ends_s[i] = speech.audio.duration_s();
    speech.audio.append_silence(gap_s);
    spoken.fixed_s += gap_s + scene_extra_s;
  }
  return Status::ok();
}

// What the redone scenes must fill: the clips they replace (each with its gap) and
// what the video adds to each, so the whole stays where the first run's fit put it.
double replaced_length_s(const SceneRedo& redo, const AudioTrack& kept, double scene_extra_s) {
  double length = 0.0;
  for (std::size_t i = 0; i < kept.clips.size(); ++i)
    if (redo.covers(i)) length += kept.clips[i].duration_s + scene_extra_s;
  return length;
}

// Speaks the scenes, and again at a corrected speed while their length misses
// target_total_s. A redo that keeps the other scenes speaks only its scenes, fitted
// the same way to the length of the clips they replace.
Status speak_to_length(StageContext& context, const std::vector<Scene>& scenes, const AudioTrack* kept,
                       std::vector<Speech>& speeches, std::vector<double>& speech_ends_s) {
  LengthGoal goal = length_goal(context.params());
  if (kept && goal.target_s > 0.0) goal.target_s = replaced_length_s(context.redo(), *kept, goal.scene_extra_s);
  const std::string what = kept ? "redone scenes" : "narration";
  const std::string target = kept ? "the " + seconds(goal.target_s) + " they replace"
                                  : "target_total_s " + seconds(goal.target_s);
  double speed = 1.0;
  SpokenLength previous;
  for (int round = 0;; ++round) {
    SpokenLength spoken;
    if (Status status = speak_scenes(context, scenes, speed, kept, speeches, speech_ends_s, spoken); !status)
      return status;
    const FitDecision decision = decide_speed(goal, spoken, previous, speed, round);
    if (decision.kind == FitDecision::Kind::Fits) {
      if (goal.target_s > 0.0)
        context.log(LogLevel::Info, what + " " + seconds(spoken.total_s()) + " for " + target + " at speed " +
                                        std::to_string(speed));
      return Status::ok();
    }
    if (decision.kind == FitDecision::Kind::CannotFit)
      return Status::error(kept ? "redo: " + decision.message : decision.message);
    context.log(LogLevel::Info, what + " " + seconds(spoken.total_s()) + " misses " + target +
                                    ": speaking again at speed " + std::to_string(decision.speed));
    previous = spoken;
    speed = decision.speed;
  }
}

}  // namespace

void TtsStage::setup(StageSpec& spec) {
  spec.describe("Speaks each scene's narration: one WAV clip per scene with its exact duration and word timings");
  spec.input("scenes", types::scenes, "the scenes whose narration is spoken");
  spec.output("audio", types::audio,
              "one clip per scene, in scene order (mono 16-bit WAV in the work dir; word timings from espeak, "
              "flite, elevenlabs or alignment)");
  spec.param("provider", "espeak",
             "speech engine: espeak (offline, libespeak-ng), flite (offline, Flite's voices), openai "
             "(OpenAI-compatible API) or elevenlabs (ElevenLabs-style API with timestamps)")
      .one_of({"espeak", "flite", "openai", "elevenlabs"});
  spec.param("voice", "en-us", "espeak voice, e.g. en-us, en-gb, de, fr");
  spec.param("rate", 165, "espeak speaking rate in words per minute").range(80, 450);
  spec.param("pitch", 50, "espeak base pitch (50 = normal)").range(0, 99);
  spec.param("gap_s", 0.0, "silence appended after each clip's speech, in seconds (part of duration_s)")
      .range(0.0, 10.0);
  spec.param("openai_voice", "alloy", "openai voice, e.g. alloy, echo, fable, nova, onyx, shimmer");
  spec.param("base_url", "https://api.openai.com/v1", "openai: API base URL; the stage POSTs to {base_url}/audio/speech");
  spec.param("model", "gpt-4o-mini-tts", "openai: speech model, e.g. gpt-4o-mini-tts or tts-1");
  spec.param("api_key", "",
             "openai, elevenlabs: API key; set it from the environment, e.g. ${env:OPENAI_API_KEY} or "
             "${env:ELEVENLABS_API_KEY}")
      .is_secret();
  spec.param("timeout_s", 120.0, "openai, elevenlabs: time limit for one request, in seconds").range(1.0, 3600.0);
  spec.param("max_attempts", 3,
             "openai, elevenlabs: attempts per scene on 5xx/429/408/transport errors (1 = no retry)")
      .range(1, 10);
  ElevenLabsSynthesizer::declare_params(spec);
  FliteSynthesizer::declare_params(spec);

  WordAligner::declare_params(spec);
  spec.param("target_total_s", 0.0,
             "length the narration should fill, in seconds; off by more than length_tolerance, the scenes are "
             "spoken again faster or slower (0.8x-1.25x; espeak rate, flite duration_stretch, openai speed). "
             "0 = no fitting")
      .range(0.0, 86400.0);
  spec.param("length_tolerance", 0.02, "target_total_s: how far off the length may be, relative").range(0.005, 0.5);
  spec.param("scene_extra_s", 0.0,
             "target_total_s: seconds the video adds to each scene beyond its clip (the compositor's "
             "scene_padding_s minus transition_s), counted toward the target")
      .range(0.0, 10.0);

  spec.redoes_scenes();
  spec.trust("voice", ParamTrust::Name)
      .trust("openai_voice", ParamTrust::Name)
      .trust("base_url", ParamTrust::Url)
      .trust("model", ParamTrust::Name)
      .uses_network_when("provider", {"openai", "elevenlabs"});
}

void TtsStage::check(const CheckContext& context, CheckReport& report) {
  const ParamSet& params = context.params();
  WordAligner::check(params, report);
  if (params.str("provider") == "elevenlabs" && !ElevenLabsSynthesizer::is_voice_id(params.str("elevenlabs_voice")))
    report.error("elevenlabs_voice", "not a voice id", "letters, digits, '_' and '-'");
  if (params.str("provider") != "espeak") return;
  if (Status voice = EspeakSynthesizer::check_voice(params.str("voice")); !voice)
    report.error("voice", voice.message(), "a voice espeak-ng has installed (espeak-ng --voices)");
}

Status TtsStage::process(StageContext& context) {
  const auto& scenes = context.input_as<SceneList>("scenes").scenes;
  if (scenes.empty()) return Status::error("input 'scenes' holds no scenes: nothing to speak");
  const AudioTrack* kept = kept_track(context, scenes.size());
  if (const auto& redo = context.redo().scenes; !redo.empty() && *redo.rbegin() > static_cast<int>(scenes.size()))
    context.log(LogLevel::Warn, "redo: there is no scene " + std::to_string(*redo.rbegin()) + " (" +
                                    std::to_string(scenes.size()) + " scenes)");
  std::vector<Speech> speeches;
  std::vector<double> speech_ends_s;
  if (Status status = speak_to_length(context, scenes, kept, speeches, speech_ends_s); !status) return status;
  WordAligner aligner(context, context.params().str("provider"));

  AudioTrack track;
  for (std::size_t i = 0; i < scenes.size(); ++i) {
    const Scene& scene = scenes[i];
    const std::string where = "scene " + std::to_string(scene.index);
    const auto path = context.work_dir() / (clip_name(i) + ".wav");
    if (kept && !context.redo().covers(i)) {
      AudioClip clip = kept->clips[i];
      std::filesystem::create_directories(context.work_dir());
      std::filesystem::copy_file(clip.path, path, std::filesystem::copy_options::overwrite_existing);
      clip.path = path;
      track.clips.push_back(std::move(clip));
      continue;
    }
    Speech& speech = speeches[i];
    const double speech_end_s = speech_ends_s[i];
    if (Status status = write_wav(path, speech.audio); !status) return Status::error(where + ": " + status.message());
    if (!is_blank(scene.narration)) {
      if (Status status = aligner.add_word_timings(clip_name(i), scene.narration, path, speech_end_s, speech.words);
          !status) {
        if (context.cancelled()) return Status::error("cancelled");
        return Status::error(where + ": " + status.message());
      }
    }
    context.log(LogLevel::Debug, where + ": " + seconds(speech.audio.duration_s()) + ", " +
                                     std::to_string(speech.words.size()) + " timed words");
    track.clips.push_back(AudioClip{scene.index, path, speech.audio.duration_s(), std::move(speech.words)});
  }
  context.progress(1.0, "spoke " + std::to_string(scenes.size()) + " scenes");
  context.set_output("audio", std::move(track));
  return Status::ok();
}

}  // namespace reelflow::tts
