#pragma once
// The tts stage's `align` param: how a clip gets word timings when its provider
// gives none (openai) or when asked to replace them. `auto` keeps a provider's
// timings and otherwise aligns with PocketSphinx when the model for
// `align_language` is installed; `pocketsphinx` always aligns; `none` never does
// (captions then fall back to sentences).
#include "pocketsphinx_aligner.hpp"

#include <reelflow/stage_check.hpp>
#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::tts {

class WordAligner {
 public:
  static void declare_params(StageSpec& spec);
  // `align: pocketsphinx` needs the model installed; `align_language` must be a language tag.
  static void check(const ParamSet& params, CheckReport& report);

  // Reads the params and says what will happen (a warning when auto has no model).
  WordAligner(StageContext& context, const std::string& provider);

  // Gives `words` timings from the clip's audio (`wav`, as written) when the
  // params say so; `speech_end_s` is where speech ends (before any gap).
  Status add_word_timings(const std::string& clip_name, const std::string& text, const std::filesystem::path& wav,
                          double speech_end_s, std::vector<WordTiming>& words);

 private:
  StageContext& context_;
  std::string mode_;
  std::optional<PocketsphinxAligner> aligner_;  // when a model is installed and the mode may align
};

}  // namespace reelflow::tts
