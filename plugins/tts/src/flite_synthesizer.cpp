#include "flite_synthesizer.hpp"

#include "heard_words.hpp"

extern "C" {
#include <flite/flite.h>
}

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// Each voice library registers its voice with these (they are not in Flite's headers).
extern "C" {
cst_voice* register_cmu_us_slt(const char* voxdir);
void unregister_cmu_us_slt(cst_voice* voice);
cst_voice* register_cmu_us_rms(const char* voxdir);
void unregister_cmu_us_rms(cst_voice* voice);
cst_voice* register_cmu_us_awb(const char* voxdir);
void unregister_cmu_us_awb(cst_voice* voice);
cst_voice* register_cmu_us_kal16(const char* voxdir);
void unregister_cmu_us_kal16(cst_voice* voice);
}

namespace reelflow::tts {
namespace {

struct VoiceLibrary {
  const char* name;
  cst_voice* (*register_voice)(const char*);
  void (*unregister_voice)(cst_voice*);
};

// The Debian package's full-vocabulary US English voices at 16 kHz (cmu_us_kal is
// the same diphone voice at 8 kHz, cmu_time_awb only says the time).
constexpr VoiceLibrary kVoices[] = {
    {"cmu_us_slt", register_cmu_us_slt, unregister_cmu_us_slt},
    {"cmu_us_rms", register_cmu_us_rms, unregister_cmu_us_rms},
    {"cmu_us_awb", register_cmu_us_awb, unregister_cmu_us_awb},
    {"cmu_us_kal16", register_cmu_us_kal16, unregister_cmu_us_kal16},
};

// Flite keeps global state (its language and lexicon tables) and a voice's
// features are shared by every utterance spoken with it, while the runtime may
// run several tts stages at once: every use of Flite holds this object's lock.
class FliteLibrary {
 public:
  static FliteLibrary& instance() {
    static FliteLibrary library;
    return library;
  }

  std::mutex mutex;

  struct LoadedVoice {
    cst_voice* voice = nullptr;
    float duration_stretch = 1.0f;  // the voice's own, before any speed
  };

  // The voice, registered on first use; nullptr for a name not in kVoices. Call with the lock held.
  const LoadedVoice* voice(const std::string& name) {
    if (auto it = loaded_.find(name); it != loaded_.end()) return &it->second;
    const auto entry = std::find_if(std::begin(kVoices), std::end(kVoices),
                                    [&](const VoiceLibrary& v) { return name == v.name; });
    if (entry == std::end(kVoices)) return nullptr;
    cst_voice* voice = entry->register_voice(nullptr);
    if (!voice) return nullptr;
    const float stretch = flite_get_param_float(voice->features, "duration_stretch", 1.0f);
    return &loaded_.emplace(name, LoadedVoice{voice, stretch}).first->second;
  }

  // Runs at exit or when the plugin is unloaded.
  ~FliteLibrary() {
    for (const VoiceLibrary& entry : kVoices)
      if (auto it = loaded_.find(entry.name); it != loaded_.end()) entry.unregister_voice(it->second.voice);
  }

 private:
  FliteLibrary() { flite_init(); }

  std::map<std::string, LoadedVoice> loaded_;
};

// Owns an utterance Flite made.
struct Utterance {
  cst_utterance* utterance;
  explicit Utterance(cst_utterance* u) : utterance(u) {}
  Utterance(const Utterance&) = delete;
  Utterance& operator=(const Utterance&) = delete;
  ~Utterance() {
    if (utterance) delete_utterance(utterance);
  }
};

// A segment starts where the one before it (a pause, at the start) ends.
double segment_start(const cst_item* segment) {
  const cst_item* previous = item_prev(item_as(segment, "Segment"));
  return previous ? item_feat_float(previous, "end") : 0.0;
}

// Each token (a written word: "42", "isn't") from its first word's first segment
// to its last word's last segment; words are reached through their syllables.
std::vector<HeardWord> heard_tokens(const cst_utterance* utterance) {
  std::vector<HeardWord> heard;
  cst_relation* tokens = utt_relation(utterance, "Token");
  for (const cst_item* token = tokens ? relation_head(tokens) : nullptr; token; token = item_next(token)) {
    std::optional<double> start_s;
    double end_s = 0.0;
    for (const cst_item* word = item_daughter(token); word; word = item_next(word)) {
      const cst_item* structure = item_as(word, "SylStructure");
      const cst_item* first = structure ? item_daughter(item_daughter(structure)) : nullptr;
      const cst_item* last = structure ? item_last_daughter(item_last_daughter(structure)) : nullptr;
      if (!first || !last) continue;
      if (!start_s) start_s = segment_start(first);
      end_s = item_feat_float(last, "end");
    }
    if (start_s) heard.push_back({item_feat_string(token, "name"), *start_s, end_s});
  }
  return heard;
}

}  // namespace

const std::vector<std::string>& FliteSynthesizer::voice_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const VoiceLibrary& v : kVoices) out.emplace_back(v.name);
    return out;
  }();
  return names;
}

void FliteSynthesizer::declare_params(StageSpec& spec) {
  spec.param("flite_voice", voice_names().front(),
             "flite: voice, one of Flite's US English voices linked into the plugin")
      .one_of(voice_names());
  spec.trust("flite_voice", ParamTrust::Name);
}

FliteSettings FliteSynthesizer::settings_from(const ParamSet& params, double speed) {
  return FliteSettings{params.str("flite_voice"), speed};
}

Status FliteSynthesizer::open(const FliteSettings& settings, std::unique_ptr<SpeechSynthesizer>& synthesizer) {
  auto& library = FliteLibrary::instance();
  std::lock_guard lock(library.mutex);
  if (!library.voice(settings.voice)) {
    std::string names;
    for (const std::string& name : voice_names()) names += (names.empty() ? "" : ", ") + name;
    return Status::error("flite has no voice '" + settings.voice.substr(0, 64) + "' (voices: " + names + ")");
  }
  if (!(settings.speed > 0.0)) return Status::error("flite speed must be positive");
  synthesizer.reset(new FliteSynthesizer(settings));
  return Status::ok();
}

Status FliteSynthesizer::synthesize(const std::string& text, const std::string& /*clip_name*/, Speech& speech) {
  auto& library = FliteLibrary::instance();
  std::lock_guard lock(library.mutex);
  const auto* voice = library.voice(settings_.voice);
  if (!voice) return Status::error("flite has no voice '" + settings_.voice + "'");
  // Another stage may have spoken with this voice at another speed: set it each time.
  flite_feat_set_float(voice->voice->features, "duration_stretch",
                       static_cast<float>(voice->duration_stretch / settings_.speed));
  Utterance utterance(flite_synth_text(text.c_str(), voice->voice));
  const cst_wave* wave = utterance.utterance ? utt_wave(utterance.utterance) : nullptr;
  if (!wave || wave->num_samples <= 0 || wave->num_channels != 1)
    return Status::error("flite produced no audio for the text");

  speech.audio.sample_rate = wave->sample_rate;
  speech.audio.samples.assign(wave->samples, wave->samples + wave->num_samples);
  speech.words = word_timings_from_heard_words(text, heard_tokens(utterance.utterance), speech.audio.duration_s());
  return Status::ok();
}

}  // namespace reelflow::tts
