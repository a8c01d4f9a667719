#include "scene_segmenter_stage.hpp"

#include "scene_plan.hpp"

#include <reelflow/stage_context.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace reelflow::scene_segmenter {
namespace {

// The measured rate of the voice (tts voice_rate) when connected, else the param.
double words_per_second(const StageContext& context) {
  if (const Value* rate = context.input("speech_rate"))
    return nlohmann::json::parse(std::get<Record>(*rate).json).at("words_per_second").get<double>();
  return context.params().number("words_per_second");
}

}  // namespace

void SceneSegmenterStage::setup(StageSpec& spec) {
  spec.describe(
      "Splits a script or plain text into scenes of min_scene_s..max_scene_s seconds of narration, "
      "optionally scaled toward a total duration");
  spec.input("script", types::script, "a script; each of its scenes is kept whole where its length allows")
      .optional();
  spec.input("text", types::text, "plain text, split into sentences or paragraphs").optional();
  spec.input("speech_rate", "speech_rate",
             "the measured speaking rate of the voice (tts voice_rate); used instead of words_per_second")
      .optional();
  spec.output("scenes", types::scenes, "scenes with narration, caption, visual and target_duration_s");
  spec.param("split_by", "sentence", "how plain text is cut before grouping: sentence or paragraph")
      .one_of({"sentence", "paragraph"});
  spec.param("min_scene_s", 4.0, "shortest planned scene, seconds").range(0.5, 600.0);
  spec.param("max_scene_s", 7.0, "longest planned scene, seconds").range(0.5, 600.0);
  spec.param("target_total_s", 0.0, "wanted total duration in seconds (0 = no target)").range(0.0, 86400.0);
  spec.param("words_per_second", 2.5, "speaking rate used to estimate narration time (no speech_rate input)")
      .range(0.5, 10.0);
}

Status SceneSegmenterStage::process(StageContext& context) {
  const ParamSet& params = context.params();
  SegmentSettings settings;
  settings.limits = SceneLimits{params.number("min_scene_s"), params.number("max_scene_s")};
  settings.target_total_s = params.number("target_total_s");
  settings.words_per_second = words_per_second(context);
  if (!(settings.words_per_second >= 0.5 && settings.words_per_second <= 10.0))
    return Status::error("scene_segmenter: input 'speech_rate' holds " + std::to_string(settings.words_per_second) +
                         " words/s (0.5-10 expected)");
  if (settings.limits.min_s > settings.limits.max_s) {
    char message[160];
    std::snprintf(message, sizeof message, "scene_segmenter: min_scene_s (%g) is greater than max_scene_s (%g)",
                  settings.limits.min_s, settings.limits.max_s);
    return Status::error(message);
  }

  const Value* script = context.input("script");
  const Value* text = context.input("text");
  if ((script != nullptr) == (text != nullptr)) {
    return Status::error(std::string("scene_segmenter: connect exactly one of the inputs 'script' and 'text' (") +
                         (script ? "both are" : "neither is") + " connected)");
  }
  NarrationSource source;
  std::string port;
  if (script) {
    port = "script";
    source = source_from_script(context.input_as<Script>("script"));
  } else {
    port = "text";
    SplitBy split_by = params.str("split_by") == "paragraph" ? SplitBy::Paragraph : SplitBy::Sentence;
    source = source_from_text(context.input_as<Text>("text"), split_by);
  }

  ScenePlan plan = plan_scenes(source, settings);
  if (plan.scenes.scenes.empty())
    return Status::error("scene_segmenter: input '" + port + "' has no words to narrate");
  for (const std::string& warning : plan.warnings) context.log(LogLevel::Warn, warning);

  char summary[160];
  std::snprintf(summary, sizeof summary, "%zu scenes, planned %.1f s (narration about %.1f s)",
                plan.scenes.scenes.size(), plan.planned_s, plan.speech_s);
  context.log(LogLevel::Info, summary);
  context.progress(1.0, summary);
  context.set_output("scenes", std::move(plan.scenes));
  return Status::ok();
}

}  // namespace reelflow::scene_segmenter
