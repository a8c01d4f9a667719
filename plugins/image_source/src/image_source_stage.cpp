#include "image_source_stage.hpp"

#include "image_provider.hpp"
#include "picture_geometry.hpp"
#include "provider_params.hpp"
#include "source_kit.hpp"

#include <exception>
#include <memory>
#include <string>

namespace reelflow::image_source {
namespace {

// On a redo, the pictures of the scenes not redone come from the stage's earlier
// output (its stage cache entry for the same scenes), when it has one per scene.
const ImageSet* kept_images(const StageContext& context, std::size_t scene_count) {
  if (context.redo().empty()) return nullptr;
  const Value* previous = context.previous_output("images");
  const auto* images = previous ? std::get_if<ImageSet>(previous) : nullptr;
  return images && images->images.size() == scene_count ? images : nullptr;
}

Status make_images(StageContext& context) {
  const auto& scenes = context.input_as<SceneList>("scenes").scenes;
  const ParamSet& params = context.params();
  ImageSize size;
  if (Status ok = picture_size(params.str("aspect"), static_cast<int>(params.integer("width")),
                               static_cast<int>(params.integer("height")), size);
      !ok)
    return ok;
  std::filesystem::create_directories(context.work_dir());

  std::unique_ptr<ProviderChain> chain;
  if (Status ok = make_provider_chain(context, size, context.work_dir(), chain); !ok) return ok;
  // A redone scene asks its own chain for the picture of a shifted number (the take's),
  // so it gets another one, the same for the same take.
  const SceneRedo& redo = context.redo();
  std::unique_ptr<ProviderChain> retake;
  if (!redo.empty()) {
    std::filesystem::create_directories(context.work_dir() / "retake");
    if (Status ok = make_provider_chain(context, size, context.work_dir() / "retake", retake); !ok) return ok;
  }
  const ImageSet* previous = kept_images(context, scenes.size());
  if (!redo.empty() && *redo.scenes.rbegin() > static_cast<int>(scenes.size()))
    context.log(LogLevel::Warn, "redo: there is no scene " + std::to_string(*redo.scenes.rbegin()) + " (" +
                                    std::to_string(scenes.size()) + " scenes)");
  std::vector<std::string> sources;  // the provider of each picture
  const Value* earlier = previous ? context.previous_output("sources") : nullptr;
  const auto* earlier_text = earlier ? std::get_if<Text>(earlier) : nullptr;
  const std::vector<std::string> earlier_sources =
      previous ? source_lines(earlier_text ? earlier_text->text : std::string(), scenes.size()) : std::vector<std::string>{};

  ImageSet set;
  context.progress(0.0, "0/" + std::to_string(scenes.size()) + " images");
  for (std::size_t i = 0; i < scenes.size(); ++i) {
    if (context.cancelled()) return Status::error("cancelled");
    std::filesystem::path image;
    if (redo.covers(i)) {
      std::filesystem::path taken;
      if (Status ok = retake->file_for(i + static_cast<std::size_t>(redo.take), scenes[i], taken); !ok) return ok;
      image = scene_image_path(context.work_dir(), i);
      std::filesystem::copy_file(taken, image, std::filesystem::copy_options::overwrite_existing);
      sources.push_back(retake->sources().back());
    } else if (previous) {
      image = scene_image_path(context.work_dir(), i);
      std::filesystem::copy_file(previous->images[i], image, std::filesystem::copy_options::overwrite_existing);
      sources.push_back(earlier_sources[i]);
    } else if (Status ok = chain->file_for(i, scenes[i], image); !ok) {
      return ok;
    } else {
      sources.push_back(chain->sources().back());
    }
    set.images.push_back(image);
    context.progress(double(i + 1) / double(scenes.size()),
                     std::to_string(i + 1) + "/" + std::to_string(scenes.size()) + " images");
  }
  context.log(LogLevel::Info, std::to_string(set.images.size()) + " scene images at " +
                                  std::to_string(size.width) + "x" + std::to_string(size.height) + " from " +
                                  tally(sources));
  context.set_output("images", std::move(set));
  context.set_output("sources", Text{joined_lines(sources)});
  return Status::ok();
}

}  // namespace

void ImageSourceStage::setup(StageSpec& spec) {
  spec.describe(
      "One picture per scene, all cover-cropped to one size: backgrounds generated offline, pictures "
      "from a folder, photos downloaded over HTTP (stock-photo search or a list of URLs), or pictures generated "
      "by an OpenAI-compatible images API; optionally a chain of providers tried in order per scene.");
  spec.input("scenes", types::scenes, "the scenes to illustrate, in order");
  spec.output("images", types::image, "one JPEG per scene, in scene order, each width x height");
  spec.output("sources", types::text, "the provider that gave each picture, one name per line, in scene order");

  spec.param("provider", "generated",
             "generated: abstract backgrounds painted from the scene text (offline); folder: pictures "
             "from 'folder'; http (or stock): downloads from 'urls' or a stock-photo search at 'search_url'; "
             "openai: generated by an OpenAI-compatible images API")
      .one_of(kProviderNames);
  spec.param("providers", std::vector<std::string>{},
             "a fallback chain, e.g. [openai, stock, generated]: each scene takes the first provider that gives "
             "it a picture; a provider whose key is refused is not asked again. When set, 'provider' is unused");
  spec.param("aspect", "9:16",
             "frame shape of the video (the compositor's preset): pictures are 1.2x its frame, 1296x2304, "
             "2304x1296 or 1296x1296, so Ken Burns zooms stay sharp")
      .one_of({"9:16", "16:9", "1:1"});
  spec.param("width", 0, "image width in px (16-8192); 0 = from aspect (or from height at that aspect)")
      .range(0, 8192);
  spec.param("height", 0, "image height in px (16-8192); 0 = from aspect (or from width at that aspect)")
      .range(0, 8192);
  spec.param("seed", 0, "varies the generated backgrounds and the shuffle-seeded folder order");

  spec.param("folder", "", "provider folder: the folder of pictures (not searched recursively)");
  spec.param("pattern", "*.jpg;*.jpeg;*.png", "provider folder: ';'-separated file name globs, case-insensitive");
  spec.param("order", "name", "provider folder: file name order, or a shuffle fixed by 'seed'")
      .one_of({"name", "shuffle-seeded"});

  spec.param("search_url", "",
             "provider http: Pexels-compatible search endpoint, e.g. https://api.pexels.com/v1/search");
  spec.param("urls", std::vector<std::string>{},
             "provider http: picture URLs, scene i gets urls[i % n]; when set, no search is made");
  spec.param("api_key", "", "provider http: the search API key, sent as the Authorization header")
      .is_secret();
  spec.param("cache", true, "provider http: keep downloads in the cache dir so re-runs fetch nothing twice");
  spec.param("max_image_bytes", 25 << 20, "provider http: largest download accepted, in bytes")
      .range(1024, 1 << 30);
  spec.param("max_attempts", 3, "provider http, openai: tries per request (retries 5xx, 429, timeouts)").range(1, 10);
  spec.param("timeout_s", 30.0, "provider http, openai: time limit of one request, in seconds").range(1.0, 600.0);

  spec.param("openai_base_url", "https://api.openai.com/v1",
             "provider openai: API root; pictures come from POST {openai_base_url}/images/generations");
  spec.param("openai_model", "dall-e-3", "provider openai: the image model");
  spec.param("openai_api_key", "", "provider openai: the API key, e.g. ${env:OPENAI_API_KEY}, sent as Bearer token")
      .is_secret();
  spec.param("art_style", "",
             "provider openai: appended to every scene's prompt for one look across scenes, e.g. \"watercolour "
             "illustration, soft light\" (one line, at most 300 bytes; a job variable may only pick it from an enum)");

  spec.redoes_scenes();
  spec.trust("folder", ParamTrust::Path)
      .trust("pattern", ParamTrust::Path)
      .trust("search_url", ParamTrust::Url)
      .trust("urls", ParamTrust::Url)
      .trust("openai_base_url", ParamTrust::Url)
      .trust("openai_model", ParamTrust::Name)
      .uses_network_when("provider", kNetworkProviders)
      .uses_network_when("providers", kNetworkProviders);
}

void ImageSourceStage::check(const CheckContext& context, CheckReport& report) {
  check_provider_params(context, report);
}

Status ImageSourceStage::process(StageContext& context) {
  try {
    return make_images(context);
  } catch (const std::exception& e) {  // filesystem and OpenCV failures
    return Status::error(e.what());
  }
}

}  // namespace reelflow::image_source
