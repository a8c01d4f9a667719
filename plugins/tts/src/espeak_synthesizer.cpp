#include "espeak_synthesizer.hpp"

#include "word_timings.hpp"

#include <espeak-ng/speak_lib.h>
#include <espeak-ng/espeak_ng.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace reelflow::tts {
namespace {

// libespeak-ng keeps its state (voice, parameters, callback) in globals and is not
// thread-safe, while the runtime may run several tts stages at once: every use of
// it holds the one lock of this process-wide object.
class EspeakLibrary {
 public:
  static EspeakLibrary& instance() {
    static EspeakLibrary library;
    return library;
  }

  std::mutex mutex;

  // The output sample rate, or -1 when espeak cannot load its data. Call with the lock held.
  int ensure_initialized() {
    if (sample_rate_ <= 0)
      sample_rate_ = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    return sample_rate_;
  }

  // Whether espeak has `voice` installed: a language (en-us), a voice name or a voice
  // file's name, optionally with a +variant. Checked before espeak sees the name,
  // because espeak_SetVoiceByName opens whatever path it is given ("../../etc/passwd").
  // Call with the lock held, after ensure_initialized().
  bool has_voice(const std::string& voice) {
    if (voices_.empty()) list_voices();
    const auto plus = voice.find('+');
    const std::string base = lower(voice.substr(0, plus));
    if (plus != std::string::npos) {
      const std::string variant = voice.substr(plus + 1);
      const bool plain = !variant.empty() && variant.size() <= 16 &&
                         std::all_of(variant.begin(), variant.end(), [](unsigned char c) { return std::isalnum(c); });
      if (!plain) return false;
    }
    return voices_.count(base) > 0;
  }

  // Runs at exit or when the plugin is unloaded, so a reload starts from a clean library.
  ~EspeakLibrary() {
    if (sample_rate_ > 0) espeak_ng_Terminate();
  }

 private:
  EspeakLibrary() = default;

  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  void list_voices() {
    for (const espeak_VOICE** v = espeak_ListVoices(nullptr); v && *v; ++v) {
      if ((*v)->name) voices_.insert(lower((*v)->name));
      if ((*v)->identifier) {
        const std::string id = (*v)->identifier;
        voices_.insert(lower(id));
        voices_.insert(lower(id.substr(id.rfind('/') + 1)));
      }
      // languages: a priority byte, a name, a NUL; repeated; an empty name ends the list.
      for (const char* lang = (*v)->languages; lang && lang[0] && lang[1]; lang += std::strlen(lang + 1) + 2)
        voices_.insert(lower(lang + 1));
    }
  }

  int sample_rate_ = 0;
  std::set<std::string> voices_;
};

// Where the synthesis callback puts what espeak produces for one espeak_Synth call.
struct SynthesisSink {
  const std::function<bool()>* is_cancelled = nullptr;
  std::vector<std::int16_t> samples;
  std::vector<WordEvent> words;
  bool cancelled = false;
};

int on_synthesized(short* wav, int sample_count, espeak_EVENT* events) {
  if (!events) return 1;
  auto* sink = static_cast<SynthesisSink*>(events->user_data);
  if (!sink) return 1;
  if (wav && sample_count > 0) sink->samples.insert(sink->samples.end(), wav, wav + sample_count);
  for (espeak_EVENT* e = events; e->type != espeakEVENT_LIST_TERMINATED; ++e)
    if (e->type == espeakEVENT_WORD) sink->words.push_back({e->text_position, e->length, e->audio_position});
  if (sink->is_cancelled && *sink->is_cancelled && (*sink->is_cancelled)()) {
    sink->cancelled = true;
    return 1;  // abort synthesis
  }
  return 0;
}

std::string unknown_voice(const std::string& voice) {
  return "espeak has no voice '" + voice.substr(0, 64) + "' (voices are named like 'en-us', 'en-gb', 'de', 'fr'; " +
         "`espeak-ng --voices` lists them)";
}

}  // namespace

Status EspeakSynthesizer::check_voice(const std::string& voice) {
  auto& library = EspeakLibrary::instance();
  std::lock_guard lock(library.mutex);
  if (library.ensure_initialized() <= 0)
    return Status::error("espeak could not load its voice data (is the Debian package espeak-ng-data installed?)");
  return library.has_voice(voice) ? Status::ok() : Status::error(unknown_voice(voice));
}

Status EspeakSynthesizer::open(const EspeakSettings& settings, std::function<bool()> cancelled,
                               std::unique_ptr<SpeechSynthesizer>& synthesizer) {
  auto& library = EspeakLibrary::instance();
  std::lock_guard lock(library.mutex);
  const int rate = library.ensure_initialized();
  if (rate <= 0)
    return Status::error("espeak could not load its voice data (is the Debian package espeak-ng-data installed?)");
  if (!library.has_voice(settings.voice) || espeak_SetVoiceByName(settings.voice.c_str()) != EE_OK)
    return Status::error(unknown_voice(settings.voice));
  synthesizer.reset(new EspeakSynthesizer(settings, std::move(cancelled), rate));
  return Status::ok();
}

Status EspeakSynthesizer::synthesize(const std::string& text, const std::string& /*clip_name*/, Speech& speech) {
  SynthesisSink sink;
  sink.is_cancelled = &cancelled_;
  {
    auto& library = EspeakLibrary::instance();
    std::lock_guard lock(library.mutex);
    // Another stage may have changed the globals since: set everything each time.
    espeak_SetSynthCallback(on_synthesized);
    if (espeak_SetVoiceByName(settings_.voice.c_str()) != EE_OK) return Status::error(unknown_voice(settings_.voice));
    espeak_SetParameter(espeakRATE, settings_.rate_wpm, 0);
    espeak_SetParameter(espeakPITCH, settings_.pitch, 0);
    const espeak_ERROR result = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                             nullptr, &sink);
    if (sink.cancelled) return Status::error("cancelled");
    if (result != EE_OK) return Status::error("espeak could not synthesize the text (error " + std::to_string(result) + ")");
  }
  if (sink.samples.empty()) return Status::error("espeak produced no audio for the text");

  speech.audio.sample_rate = sample_rate_;
  speech.audio.samples = std::move(sink.samples);
  speech.words = word_timings_from_events(text, sink.words, speech.audio.duration_s());
  return Status::ok();
}

}  // namespace reelflow::tts
