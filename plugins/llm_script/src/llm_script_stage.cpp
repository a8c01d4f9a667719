#include "llm_script_stage.hpp"

#include "chat_script_writer.hpp"
#include "notes_source.hpp"
#include "offline_script_writer.hpp"
#include "publishing.hpp"
#include "script_brief.hpp"
#include "text_tools.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace reelflow::llm_script {
namespace {

constexpr double kAutoSceneS = 8.0;

// "How do vaccines work?" -> "How do vaccines work": the topic is spliced into sentences.
std::string clean_topic(const std::string& raw) {
  std::string topic = collapse_whitespace(raw);
  while (!topic.empty() && (topic.back() == '.' || topic.back() == '?' || topic.back() == '!')) topic.pop_back();
  return collapse_whitespace(topic);
}

// The measured rate of the voice (tts voice_rate) when connected, else the param.
double words_per_second(const StageContext& ctx) {
  if (const Value* rate = ctx.input("speech_rate"))
    return nlohmann::json::parse(std::get<Record>(*rate).json).at("words_per_second").get<double>();
  return ctx.params().number("words_per_second");
}

Status read_brief(StageContext& ctx, ScriptBrief& brief) {
  const ParamSet& params = ctx.params();
  brief.topic = clean_topic(params.str("topic"));
  if (brief.topic.empty()) return Status::error("llm_script: param 'topic' is empty");
  brief.scenes = static_cast<int>(params.integer("scenes"));
  // 0: one scene per ~8 s of speech, so short videos are not cut into scenes of a few words.
  if (brief.scenes == 0) brief.scenes = std::clamp(static_cast<int>(std::lround(params.number("target_duration_s") / kAutoSceneS)), 1, 30);
  brief.target_duration_s = params.number("target_duration_s");
  brief.words_per_second = words_per_second(ctx);
  if (!(brief.words_per_second >= 0.5 && brief.words_per_second <= 10.0))
    return Status::error("llm_script: input 'speech_rate' holds " + std::to_string(brief.words_per_second) +
                         " words/s (0.5-10 expected)");
  brief.language = collapse_whitespace(params.str("language"));
  if (brief.language.empty()) return Status::error("llm_script: param 'language' is empty");
  brief.style = collapse_whitespace(params.str("style"));
  if (brief.style.empty()) brief.style = "informative";
  return load_notes(ctx.input("notes"), params.str("notes_file"), brief.notes);
}

// An empty base_url or model is the provider's own.
ChatSettings read_chat_settings(const ChatProvider& provider, const ParamSet& params) {
  ChatSettings s;
  s.provider = &provider;
  s.base_url = collapse_whitespace(params.str("base_url"));
  if (s.base_url.empty()) s.base_url = provider.default_base_url;
  s.model = collapse_whitespace(params.str("model"));
  if (s.model.empty()) s.model = provider.default_model;
  s.api_key = collapse_whitespace(params.str("api_key"));
  s.temperature = params.number("temperature");
  s.max_tokens = static_cast<int>(params.integer("max_tokens"));
  s.timeout_s = params.number("timeout_s");
  s.max_attempts = static_cast<int>(params.integer("max_attempts"));
  return s;
}

Status write_offline(StageContext& ctx, const ScriptBrief& brief, Script& out) {
  if (!offline_writer_supports(brief.language))
    return Status::error("llm_script: provider offline writes English only (language '" + brief.language +
                         "'); use a model (provider openai, gemini or anthropic) for other languages");
  WrittenScript written;
  if (Status status = write_offline_script(brief, written); !status) return status;
  for (const std::string& notice : written.notices) ctx.log(LogLevel::Warn, notice);
  out = std::move(written.script);
  return Status::ok();
}

// Title, description and hashtags: the model's tags, cleaned, or the topic's words.
Publishing publishing_for(StageContext& ctx, const Script& script, const std::vector<std::string>& model_tags,
                          const std::string& writer) {
  Publishing p{script.title, script.hook, clean_hashtags(model_tags), writer};
  if (p.hashtags.empty()) {
    if (!model_tags.empty() || writer != "offline")
      ctx.log(LogLevel::Warn, "the model gave no usable hashtags; using the topic's words");
    p.hashtags = topic_hashtags(script.topic);
  }
  return p;
}

}  // namespace

void LlmScriptStage::setup(StageSpec& spec) {
  spec.describe("Writes a narrated video script (title, hook, scenes with narration, caption and visual) for a "
                "topic, offline from templates and notes or with a chat model (OpenAI-compatible, Gemini, Claude).");
  spec.input("notes", types::text, "Outline or notes to build the scenes from (one scene per point)").optional();
  spec.input("speech_rate", "speech_rate",
             "The measured speaking rate of the voice (tts voice_rate); the word budget uses it instead of "
             "words_per_second")
      .optional();
  spec.output("script", types::script, "The script: title, hook and scenes");
  spec.output("publishing", kPublishingType,
              "Title, one-line description (the hook) and hashtags for where the video is published");

  spec.required_param("topic", ParamType::String, "What the video is about, e.g. \"black holes\"");
  spec.param("provider", "offline",
             "Who writes the script: offline (templates, no network), openai (any OpenAI-compatible API), gemini "
             "(Gemini's OpenAI-compatible endpoint) or anthropic (Claude, Messages API)")
      .one_of({"offline", "openai", "gemini", "anthropic"});
  spec.param("scenes", 6, "Number of scenes; 0 = one per ~8 s of target_duration_s").range(0, 30);
  spec.param("target_duration_s", 45.0, "Spoken length to aim for, in seconds (words_per_second words each)")
      .range(5.0, 600.0);
  spec.param("words_per_second", kDefaultWordsPerSecond,
             "Speaking rate the word budget assumes when no speech_rate input is connected")
      .range(0.5, 10.0);
  spec.param("language", "en", "Language of the script (offline writes English only)");
  spec.param("notes_file", "", "Path of a notes/outline file to build the scenes from (sent to a model as context)");
  spec.param("style", "informative", "Tone of the script, e.g. informative, playful, dramatic (models)");
  spec.param("base_url", "",
             "API root; empty = the provider's (openai https://api.openai.com/v1, gemini "
             "https://generativelanguage.googleapis.com/v1beta/openai, anthropic https://api.anthropic.com)");
  spec.param("model", "", "Chat model; empty = the provider's (gpt-4o-mini, gemini-2.5-flash, claude-sonnet-4-5)");
  spec.param("api_key", "",
             "API key of the provider; set it with ${env:OPENAI_API_KEY}, ${env:GEMINI_API_KEY} or "
             "${env:ANTHROPIC_API_KEY}")
      .is_secret();
  spec.param("temperature", 0.7, "Sampling temperature (models; anthropic caps it at 1)").range(0.0, 2.0);
  spec.param("max_tokens", 4096, "Longest reply, in tokens (anthropic, which requires it)").range(256, 64000);
  spec.param("timeout_s", 60.0, "Time limit for one request, in seconds (models)").range(1.0, 600.0);
  spec.param("max_attempts", 3, "Attempts for 5xx, 429, 529, 408 and network errors (models)").range(1, 10);

  spec.trust("topic", ParamTrust::FreeText)
      .trust("style", ParamTrust::FreeText)
      .trust("language", ParamTrust::Name)
      .trust("notes_file", ParamTrust::Path)
      .trust("base_url", ParamTrust::Url)
      .trust("model", ParamTrust::Name)
      .uses_network_when("provider", {"openai", "gemini", "anthropic"});
}

Status LlmScriptStage::process(StageContext& ctx) {
  if (ctx.cancelled()) return Status::error("cancelled");
  ScriptBrief brief;
  if (Status status = read_brief(ctx, brief); !status) return status;

  const std::string& provider = ctx.params().str("provider");
  ctx.progress(0.0, "writing " + std::to_string(brief.scenes) + " scenes (" + provider + ")");
  Script script;
  std::vector<std::string> model_tags;
  std::string writer = provider;
  Status status = Status::ok();
  if (const ChatProvider* chat = find_chat_provider(provider)) {
    const ChatSettings settings = read_chat_settings(*chat, ctx.params());
    writer += " " + settings.model;
    status = write_script_with_chat_model(ctx, brief, settings, script, model_tags);
  } else {
    status = write_offline(ctx, brief, script);
  }
  if (!status) return status;
  if (ctx.cancelled()) return Status::error("cancelled");

  const Publishing publishing = publishing_for(ctx, script, model_tags, writer);
  ctx.log(LogLevel::Info, "script \"" + script.title + "\": " + std::to_string(script.scenes.size()) + " scenes");
  ctx.set_output("publishing", to_record(publishing));
  ctx.set_output("script", std::move(script));
  ctx.progress(1.0, "done");
  return Status::ok();
}

}  // namespace reelflow::llm_script
