#include "pocketsphinx_aligner.hpp"

#include "pronunciation_dictionary.hpp"
#include "removed_on_exit.hpp"
#include "spoken_forms.hpp"
#include "word_interpolation.hpp"
#include "written_words.hpp"

#include <pocketsphinx.h>
#include <sphinxbase/err.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <memory>
#include <mutex>
#include <regex>
#include <set>

namespace reelflow::tts {
namespace {

// A word's pronunciations in the grammar: more would only slow the search.
constexpr std::size_t kMaxPronunciations = 6;
constexpr std::size_t kChunkSamples = PocketsphinxAligner::kSampleRate;  // 1 s between cancel/deadline checks
constexpr double kFramesPerSecond = 100.0;

// Wide beams: the grammar is a single path, so only the path's own states are
// ever active (bounded again by -maxhmmpf), and espeak's or a cloud voice's
// speech is far from the model's training data: the default beams lose the path.
constexpr const char* kBeam = "1e-120";
constexpr const char* kWordBeam = "1e-80";
constexpr const char* kMaxHmmsPerFrame = "5000";

struct ConfigDeleter {
  void operator()(cmd_ln_t* config) const { cmd_ln_free_r(config); }
};
struct DecoderDeleter {
  void operator()(ps_decoder_t* decoder) const { ps_free(decoder); }
};
using ConfigPtr = std::unique_ptr<cmd_ln_t, ConfigDeleter>;
using DecoderPtr = std::unique_ptr<ps_decoder_t, DecoderDeleter>;

// sphinxbase logs to stderr by default, a process-wide setting.
void silence_sphinx_log() {
  static std::once_flag once;
  std::call_once(once, [] { err_set_logfp(nullptr); });
}

// How a word may be said: its dictionary words' pronunciations, one entry each
// (so a pause may fall between "nineteen" and "ninety").
using Pronunciation = std::vector<std::string>;

// One written word in the grammar: its dictionary entries ("w<slot>_<n>_<k>"), none
// when nothing in the dictionary says it (a run of any phones then stands for it).
struct Slot {
  std::vector<Pronunciation> pronunciations;
  std::size_t letters = 1;
};

// A word the dictionary lacks: one to letters + 1 phones of any kind. Bounded, not
// a loop: PocketSphinx's FSG search finds no path through a JSGF `<phone>+`, and
// a longer run than the word needs eats into the next word.
constexpr std::size_t kMaxUnknownPhones = 24;
std::string any_phones(std::size_t letters) {
  std::string text = "<phone>";
  for (std::size_t p = 0; p < std::min(letters + 1, kMaxUnknownPhones); ++p) text += " [ <phone> ]";
  return text;
}

std::string entry_name(std::size_t slot, std::size_t pronunciation, std::size_t word) {
  return "w" + std::to_string(slot) + "_" + std::to_string(pronunciation) + "_" + std::to_string(word);
}

std::string phone_entry(const std::string& phone) {
  std::string name = "ph_" + phone;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

// Every way the dictionary can say a written word: each spoken form whose words it all knows.
std::vector<Pronunciation> pronunciations_of(const std::vector<SpokenForm>& forms,
                                             const PronunciationDictionary& dictionary) {
  std::vector<Pronunciation> result;
  const auto add = [&result](Pronunciation phones) {
    if (result.size() < kMaxPronunciations && std::find(result.begin(), result.end(), phones) == result.end())
      result.push_back(std::move(phones));
  };
  for (const SpokenForm& form : forms) {
    if (form.size() == 1) {
      for (const auto& phones : dictionary.find(form[0])) add({phones});
      continue;
    }
    Pronunciation words;
    for (const auto& word : form) {
      const auto phones = dictionary.find(word);
      if (phones.empty()) break;
      words.push_back(phones.front());
    }
    if (words.size() == form.size()) add(std::move(words));
  }
  return result;
}

// Strict: every word, in order. Lenient: each word may be missing or said otherwise.
std::string grammar(const std::vector<Slot>& slots, const PronunciationDictionary& dictionary, bool strict) {
  std::string text = "#JSGF V1.0;\ngrammar narration;\n<phone> = ";
  bool first = true;
  for (const auto& phone : dictionary.phones()) {
    text += (first ? "" : " | ") + phone_entry(phone);
    first = false;
  }
  text += ";\npublic <narration> =";
  for (std::size_t s = 0; s < slots.size(); ++s) {
    std::string choice;
    for (std::size_t p = 0; p < slots[s].pronunciations.size(); ++p) {
      choice += p ? " |" : "";
      for (std::size_t w = 0; w < slots[s].pronunciations[p].size(); ++w) choice += " " + entry_name(s, p, w);
    }
    const std::string unknown = any_phones(slots[s].letters);
    if (choice.empty()) text += strict ? " ( " + unknown + " )" : " [ " + unknown + " ]";
    else text += strict ? " ( " + choice + " )" : " [ " + choice + " | " + unknown + " ]";
  }
  return text + ";\n";
}

Status write_dictionary(const std::filesystem::path& file, const std::vector<Slot>& slots,
                        const PronunciationDictionary& dictionary) {
  std::ofstream out(file);
  for (std::size_t s = 0; s < slots.size(); ++s)
    for (std::size_t p = 0; p < slots[s].pronunciations.size(); ++p)
      for (std::size_t w = 0; w < slots[s].pronunciations[p].size(); ++w)
        out << entry_name(s, p, w) << ' ' << slots[s].pronunciations[p][w] << '\n';
  for (const auto& phone : dictionary.phones()) out << phone_entry(phone) << ' ' << phone << '\n';
  out.close();
  if (!out) return Status::error("cannot write " + file.string());
  return Status::ok();
}

// The slot a recognised entry stands for ("w12_0_1" → 12), if it is a word's.
std::optional<std::size_t> slot_of(const char* entry) {
  if (!entry || entry[0] != 'w') return std::nullopt;
  std::size_t slot = 0;
  const char* c = entry + 1;
  if (*c < '0' || *c > '9') return std::nullopt;
  for (; *c >= '0' && *c <= '9'; ++c) slot = slot * 10 + static_cast<std::size_t>(*c - '0');
  return *c == '_' ? std::optional(slot) : std::nullopt;
}

enum class Decoded { Placed, NoPath, TimedOut, Cancelled };

// One pass over the audio with one grammar; fills `placed` from the best path.
Decoded decode(ps_decoder_t* decoder, const std::string& search, const PcmAudio& audio, double max_decode_s,
               const std::function<bool()>& cancelled, std::vector<PlacedWord>& placed) {
  if (ps_set_search(decoder, search.c_str()) < 0 || ps_start_utt(decoder) < 0) return Decoded::NoPath;
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t at = 0; at < audio.samples.size(); at += kChunkSamples) {
    if (cancelled && cancelled()) {
      ps_end_utt(decoder);
      return Decoded::Cancelled;
    }
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() > max_decode_s) {
      ps_end_utt(decoder);
      return Decoded::TimedOut;
    }
    const std::size_t count = std::min(kChunkSamples, audio.samples.size() - at);
    ps_process_raw(decoder, audio.samples.data() + at, count, FALSE, FALSE);
  }
  ps_end_utt(decoder);
  std::int32_t score = 0;
  if (!ps_get_hyp(decoder, &score)) return Decoded::NoPath;  // no path reached the grammar's end
  for (ps_seg_t* seg = ps_seg_iter(decoder); seg; seg = ps_seg_next(seg)) {
    const auto slot = slot_of(ps_seg_word(seg));
    if (!slot || *slot >= placed.size()) continue;
    int first_frame = 0;
    int last_frame = 0;
    ps_seg_frames(seg, &first_frame, &last_frame);
    if (!placed[*slot].start_s) placed[*slot].start_s = first_frame / kFramesPerSecond;  // its first entry's start
    placed[*slot].end_s = (last_frame + 1) / kFramesPerSecond;                           // its last entry's end
  }
  return Decoded::Placed;
}

}  // namespace

bool AlignmentModel::is_language_tag(const std::string& language) {
  static const std::regex kLanguageTag("[a-z]{2,3}(-[a-z]{2,4})?");
  return std::regex_match(language, kLanguageTag);
}

std::optional<AlignmentModel> AlignmentModel::find(const std::string& language) {
  if (!is_language_tag(language)) return std::nullopt;
  AlignmentModel model;
  model.language = language;
  model.acoustic_model = expected_dir(language) / language;
  model.dictionary = expected_dir(language) / ("cmudict-" + language + ".dict");
  std::error_code error;
  if (!std::filesystem::is_regular_file(model.acoustic_model / "mdef", error) ||
      !std::filesystem::is_regular_file(model.dictionary, error))
    return std::nullopt;
  return model;
}

std::filesystem::path AlignmentModel::expected_dir(const std::string& language) {
  return std::filesystem::path(REELFLOW_POCKETSPHINX_MODEL_DIR) / language;
}

PocketsphinxAligner::PocketsphinxAligner(AlignmentModel model, std::filesystem::path scratch_dir,
                                         AlignmentLimits limits)
    : model_(std::move(model)), scratch_dir_(std::move(scratch_dir)), limits_(limits) {}

Status PocketsphinxAligner::align(const std::string& clip_name, std::string_view text, const PcmAudio& audio,
                                  double speech_end_s, const std::function<bool()>& cancelled,
                                  Alignment& alignment) const {
  if (audio.sample_rate != kSampleRate)
    return Status::error("the aligner needs 16 kHz audio, not " + std::to_string(audio.sample_rate) + " Hz");
  std::vector<PlacedWord> placed;
  std::vector<std::vector<SpokenForm>> forms;
  std::set<std::string> lookups;
  for (const WrittenWord& written : split_written_words(text)) {
    if (!written.speakable) continue;
    placed.push_back({written.word, written.weight, {}, {}});
    forms.push_back(spoken_forms(written.word));
    for (const SpokenForm& form : forms.back())
      for (const auto& word : form) PronunciationDictionary::add_lookups(word, lookups);
  }
  alignment = {};
  const auto finish = [&](bool strict) {
    alignment.placed = static_cast<std::size_t>(
        std::count_if(placed.begin(), placed.end(), [](const PlacedWord& w) { return w.start_s.has_value(); }));
    alignment.strict = strict;
    alignment.words = interpolate_word_timings(std::move(placed), speech_end_s);
    return Status::ok();
  };
  if (placed.empty() || placed.size() > limits_.max_words || audio.duration_s() > limits_.max_audio_s)
    return finish(false);

  PronunciationDictionary dictionary;
  if (Status status = PronunciationDictionary::read(model_.dictionary, lookups, dictionary); !status) return status;
  std::vector<Slot> slots(placed.size());
  for (std::size_t s = 0; s < slots.size(); ++s) {
    slots[s].pronunciations = pronunciations_of(forms[s], dictionary);
    slots[s].letters = placed[s].weight;
  }

  const RemovedOnExit words_file{scratch_dir_ / (clip_name + ".align.dict")};
  if (Status status = write_dictionary(words_file.path, slots, dictionary); !status) return status;

  silence_sphinx_log();
  ConfigPtr config(cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", model_.acoustic_model.c_str(), "-dict",
                               words_file.path.c_str(), "-samprate", "16000", "-beam", kBeam, "-pbeam", kBeam,
                               "-wbeam", kWordBeam, "-maxhmmpf", kMaxHmmsPerFrame, nullptr));
  DecoderPtr decoder(config ? ps_init(config.get()) : nullptr);
  if (!decoder)
    return Status::error("PocketSphinx could not load the " + model_.language + " model from " +
                         model_.acoustic_model.string());

  for (const bool strict : {true, false}) {
    const std::string search = strict ? "strict" : "lenient";
    if (ps_set_jsgf_string(decoder.get(), search.c_str(), grammar(slots, dictionary, strict).c_str()) < 0)
      continue;
    switch (decode(decoder.get(), search, audio, limits_.max_decode_s, cancelled, placed)) {
      case Decoded::Cancelled:
        return Status::error("cancelled");
      case Decoded::TimedOut:
        alignment.timed_out = true;
        return finish(strict);
      case Decoded::Placed:
        return finish(strict);
      case Decoded::NoPath:
        break;
    }
  }
  return finish(false);
}

}  // namespace reelflow::tts
