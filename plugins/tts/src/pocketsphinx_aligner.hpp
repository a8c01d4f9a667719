#pragma once
// Forced alignment with PocketSphinx: finds where each word of a known narration
// is spoken in its audio. The recogniser gets a grammar of exactly the narration's
// words in order (each word a unique dictionary entry, so every recognised segment
// names its written word), decodes 16 kHz mono audio at 100 frames/s, and reports
// each word's first and last frame. A word the dictionary lacks is matched by a
// short run of any phones, which keeps its neighbours in place; it and any word a
// lenient second pass (used when the exact grammar fails) skips are interpolated.
#include "pcm_audio.hpp"

#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::tts {

// An acoustic model and its pronunciation dictionary, for one language.
struct AlignmentModel {
  std::string language;
  std::filesystem::path acoustic_model;  // a directory: mdef, means, ...
  std::filesystem::path dictionary;      // CMU format

  // The installed model for `language` (e.g. "en-us", Debian's pocketsphinx-en-us):
  // <model dir>/<language>/<language>/ and <model dir>/<language>/cmudict-<language>.dict.
  // `language` must be a plain language tag ("en-us"); anything else finds nothing.
  static std::optional<AlignmentModel> find(const std::string& language);
  // A plain language tag: 2-3 lower-case letters, optionally '-' and 2-4 more.
  static bool is_language_tag(const std::string& language);
  // Where find() looks for `language`, for messages.
  static std::filesystem::path expected_dir(const std::string& language);
};

struct Alignment {
  std::vector<WordTiming> words;  // every speakable written word, monotonic, ending at speech_end_s
  std::size_t placed = 0;         // how many of them the recogniser placed
  bool strict = true;             // false: the exact grammar failed; a lenient one (words optional) was used
  bool timed_out = false;         // decoding ran past AlignmentLimits::max_decode_s
};

struct AlignmentLimits {
  double max_audio_s = 600.0;      // longer audio is not decoded (its words are interpolated)
  std::size_t max_words = 2000;    // likewise for longer narrations
  double max_decode_s = 60.0;      // wall time for one clip's decoding; then it stops, interpolating
};

class PocketsphinxAligner {
 public:
  // `scratch_dir` holds each clip's small dictionary while it is decoded.
  PocketsphinxAligner(AlignmentModel model, std::filesystem::path scratch_dir, AlignmentLimits limits = {});

  // `audio` must be 16 kHz mono. `speech_end_s` ends the last word (the clip
  // without any appended gap). Fails only when the model cannot be loaded or on
  // cancellation; anything the recogniser cannot do ends up interpolated.
  // `clip_name` names the clip's scratch files.
  Status align(const std::string& clip_name, std::string_view text, const PcmAudio& audio, double speech_end_s,
               const std::function<bool()>& cancelled, Alignment& alignment) const;

  static constexpr int kSampleRate = 16000;

 private:
  AlignmentModel model_;
  std::filesystem::path scratch_dir_;
  AlignmentLimits limits_;
};

}  // namespace reelflow::tts
