#include "word_aligner.hpp"

#include "audio_decoder.hpp"

namespace reelflow::tts {
namespace {

std::string no_model(const std::string& language) {
  return "no PocketSphinx model for '" + language + "' at " + AlignmentModel::expected_dir(language).string() +
         " (install the Debian package pocketsphinx-en-us for en-us)";
}

}  // namespace

void WordAligner::declare_params(StageSpec& spec) {
  spec.param("align", "auto",
             "word timings by forced alignment (PocketSphinx): auto (when the provider gives none and the model is "
             "installed), pocketsphinx (always), none")
      .one_of({"auto", "pocketsphinx", "none"});
  spec.param("align_language", "en-us", "language of the narration for alignment: its PocketSphinx model, e.g. en-us");
  spec.trust("align_language", ParamTrust::Name);
}

void WordAligner::check(const ParamSet& params, CheckReport& report) {
  const std::string& language = params.str("align_language");
  if (!AlignmentModel::is_language_tag(language))
    report.error("align_language", "'" + language.substr(0, 32) + "' is not a language tag", "e.g. en-us");
  else if (params.str("align") == "pocketsphinx" && !AlignmentModel::find(language))
    report.error("align_language", no_model(language), "an installed PocketSphinx model, e.g. en-us");
}

WordAligner::WordAligner(StageContext& context, const std::string& provider)
    : context_(context), mode_(context.params().str("align")) {
  if (mode_ == "none") return;
  const bool offline = provider == "espeak" || provider == "flite";  // they time every word themselves
  const std::string& language = context.params().str("align_language");
  if (auto model = AlignmentModel::find(language)) {
    aligner_.emplace(std::move(*model), context.work_dir());
    if (mode_ == "pocketsphinx" || !offline)
      context.log(LogLevel::Info, "word timings by PocketSphinx alignment (" + language + ")" +
                                      (mode_ == "auto" ? " where " + provider + " gives none" : ""));
  } else if (!offline) {
    context.log(LogLevel::Warn, "align: auto: " + no_model(language) + "; " + provider +
                                    " gives no word timings, so captions fall back to sentences");
  }
}

Status WordAligner::add_word_timings(const std::string& clip_name, const std::string& text,
                                     const std::filesystem::path& wav, double speech_end_s,
                                     std::vector<WordTiming>& words) {
  if (mode_ == "pocketsphinx" && !aligner_) return Status::error(no_model(context_.params().str("align_language")));
  if (!aligner_ || (mode_ == "auto" && !words.empty())) return Status::ok();
  PcmAudio audio;
  if (Status status = decode_audio_file(context_, wav, PocketsphinxAligner::kSampleRate, audio); !status)
    return Status::error("could not read the clip for alignment: " + status.message());
  Alignment alignment;
  if (Status status =
          aligner_->align(clip_name, text, audio, speech_end_s, [this] { return context_.cancelled(); }, alignment);
      !status)
    return status;
  const std::string counts = std::to_string(alignment.placed) + " of " + std::to_string(alignment.words.size());
  if (alignment.timed_out)
    context_.log(LogLevel::Warn, clip_name + ": alignment ran out of time; its words are spread over the speech");
  else if (alignment.placed * 2 < alignment.words.size())
    context_.log(LogLevel::Warn, clip_name + ": PocketSphinx placed only " + counts +
                                     " words; the others are interpolated");
  else
    context_.log(LogLevel::Debug, clip_name + ": PocketSphinx placed " + counts + " words" +
                                      (alignment.strict ? "" : " (lenient grammar)"));
  words = std::move(alignment.words);
  return Status::ok();
}

}  // namespace reelflow::tts
