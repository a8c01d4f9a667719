#include "clip_source_stage.hpp"

#include "clip_probe.hpp"
#include "clip_providers.hpp"

#include <exception>
#include <memory>
#include <string>

namespace reelflow::clip_source {
namespace {

// Changes whenever the file may have: its place, size and modification time.
std::string clip_id(const std::filesystem::path& file) {
  const auto size = std::filesystem::file_size(file);
  const auto time = std::filesystem::last_write_time(file).time_since_epoch().count();
  return sha256_hex(file.string() + "|" + std::to_string(size) + "|" + std::to_string(time)).substr(0, 32);
}

Status scene_clip(const std::filesystem::path& file, SceneClip& clip) {
  ClipFacts facts;
  if (Status ok = probe_clip(file, file.string(), facts); !ok) return ok;
  // Absolute: the stages that read it may run elsewhere (a confined child, another working dir).
  const auto path = std::filesystem::absolute(file).lexically_normal();
  clip = SceneClip{path.string(), clip_id(path), facts.duration_s, facts.width, facts.height};
  return Status::ok();
}

std::vector<std::filesystem::path> scene_pictures(const StageContext& context, std::size_t scene_count) {
  const Value* images = context.input("images");
  if (!images) return {};
  const auto& files = std::get<ImageSet>(*images).images;
  if (files.size() != scene_count)
    throw std::invalid_argument("input 'images' has " + std::to_string(files.size()) + " pictures but 'scenes' has " +
                                std::to_string(scene_count) + " scenes (need one picture per scene)");
  return files;
}

Status make_clips(StageContext& context) {
  const auto& scenes = context.input_as<SceneList>("scenes").scenes;
  std::filesystem::create_directories(context.work_dir());
  std::unique_ptr<ProviderChain> chain;
  if (Status ok = make_clip_chain(context, scene_pictures(context, scenes.size()), chain); !ok) return ok;
  // A redone scene asks for the clip of a number shifted by whole scene counts (the
  // take's), so it gets another one, the same for the same take, with its own picture.
  const SceneRedo& redo = context.redo();

  ClipSet set;
  std::vector<std::string> sources;
  context.progress(0.0, "0/" + std::to_string(scenes.size()) + " clips");
  for (std::size_t i = 0; i < scenes.size(); ++i) {
    if (context.cancelled()) return Status::error("cancelled");
    const std::size_t number = redo.covers(i) ? i + static_cast<std::size_t>(redo.take) * scenes.size() : i;
    std::filesystem::path file;
    if (Status ok = chain->file_for(number, scenes[i], file); !ok) return ok;
    SceneClip clip;
    if (Status ok = scene_clip(file, clip); !ok) return Status::error(scene_label(i) + ": " + ok.message());
    set.clips.push_back(std::move(clip));
    sources.push_back(chain->sources().back());
    context.progress(double(i + 1) / double(scenes.size()),
                     std::to_string(i + 1) + "/" + std::to_string(scenes.size()) + " clips");
  }
  context.log(LogLevel::Info, std::to_string(set.clips.size()) + " scene clips from " + tally(sources));
  context.set_output("clips", to_record(set));
  context.set_output("sources", Text{joined_lines(sources)});
  return Status::ok();
}

}  // namespace

void ClipSourceStage::setup(StageSpec& spec) {
  spec.describe(
      "One video clip per scene for the compositor: clips from a folder (matched to the scene's words), a "
      "Pexels-style stock video search, or a Replicate-style prediction API (text to video, or picture to video "
      "when the scenes' pictures are connected); optionally a chain of providers tried in order per scene.");
  spec.input("scenes", types::scenes, "the scenes, in order");
  spec.input("images", types::image, "prediction: one picture per scene, animated (image to video)").optional();
  spec.output("clips", kClipsType, "one clip per scene, in scene order (files stay where they are: folder, cache)");
  spec.output("sources", types::text, "the provider that gave each clip, one name per line, in scene order");

  spec.param("provider", "folder",
             "folder: clips from 'folder'; stock: a stock video search at 'stock_base_url'; prediction: made by a "
             "prediction API at 'prediction_base_url'")
      .one_of(kProviderNames);
  spec.param("providers", std::vector<std::string>{},
             "a fallback chain, e.g. [stock, folder]: each scene takes the first provider that gives it a clip; a "
             "provider whose key is refused is not asked again. When set, 'provider' is unused");
  spec.param("aspect", "9:16", "frame shape of the video (the compositor's preset): stock clips of its orientation")
      .one_of({"9:16", "16:9", "1:1"});
  spec.param("width", 0, "frame width the stock file is picked for (0 = from aspect)").range(0, 8192);
  spec.param("height", 0, "frame height the stock file is picked for (0 = from aspect)").range(0, 8192);
  spec.param("seed", 0, "varies the folder pick among equally good clips");

  spec.param("folder", "", "provider folder: the folder of clips (not searched recursively)");
  spec.param("pattern", "*.mp4;*.mov;*.mkv;*.webm", "provider folder: ';'-separated file name globs, case-insensitive");

  spec.param("stock_base_url", "https://api.pexels.com",
             "provider stock: API root; searches go to {stock_base_url}/videos/search");
  spec.param("stock_api_key", "", "provider stock: the API key, e.g. ${env:PEXELS_API_KEY}, sent as Authorization")
      .is_secret();
  spec.param("per_page", 5, "provider stock: videos asked for per search, the closest file among them is taken")
      .range(1, 80);

  spec.param("prediction_base_url", "https://api.replicate.com",
             "provider prediction: API root; predictions are made at {prediction_base_url}/v1/predictions");
  spec.param("prediction_model", "", "provider prediction: the model, owner/name (used when no version is given)");
  spec.param("prediction_version", "", "provider prediction: the model version id");
  spec.param("prediction_api_key", "",
             "provider prediction: the token, e.g. ${env:REPLICATE_API_TOKEN}, sent as Bearer token")
      .is_secret();
  spec.param("max_wait_s", 600.0, "provider prediction: longest wait for one clip, from request to result")
      .range(1.0, 3600.0);
  spec.param("poll_s", 1.0, "provider prediction: first gap between polls, then 1.5x longer each time (at most 10 s)")
      .range(0.05, 60.0);

  spec.param("cache", true, "stock, prediction: keep clips in the cache dir so re-runs fetch nothing twice");
  spec.param("max_clip_bytes", 200 << 20, "stock, prediction: largest clip download accepted, in bytes")
      .range(1024, 1 << 30);
  spec.param("max_attempts", 3, "stock, prediction: tries per request (retries 5xx, 429, timeouts)").range(1, 10);
  spec.param("timeout_s", 120.0, "stock, prediction: time limit of one request, in seconds").range(1.0, 3600.0);

  // Clips are named where they stay (the folder, the download cache), which the stage
  // cache would not keep: each run finds them again, from the download cache.
  spec.not_cacheable();
  spec.redoes_scenes();
  spec.trust("folder", ParamTrust::Path)
      .trust("pattern", ParamTrust::Path)
      .trust("stock_base_url", ParamTrust::Url)
      .trust("prediction_base_url", ParamTrust::Url)
      .trust("prediction_model", ParamTrust::Name)
      .trust("prediction_version", ParamTrust::Name)
      .uses_network_when("provider", kNetworkProviders)
      .uses_network_when("providers", kNetworkProviders);
}

void ClipSourceStage::check(const CheckContext& context, CheckReport& report) {
  check_provider_params(context, report);
}

Status ClipSourceStage::process(StageContext& context) {
  try {
    return make_clips(context);
  } catch (const std::exception& e) {  // filesystem failures, a mismatched input
    return Status::error(e.what());
  }
}

}  // namespace reelflow::clip_source
