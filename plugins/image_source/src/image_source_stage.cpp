#include "image_source_stage.hpp"

#include "folder_provider.hpp"
#include "generated_provider.hpp"
#include "http_provider.hpp"
#include "image_file_list.hpp"
#include "picture_geometry.hpp"

#include <exception>
#include <memory>
#include <string>

namespace reelflow::image_source {
namespace {

// The provider writes its pictures into `dir`.
Status make_provider(StageContext& context, ImageSize size, const std::filesystem::path& dir,
                     std::unique_ptr<ImageProvider>& provider) {
  const ParamSet& params = context.params();
  const std::string& kind = params.str("provider");
  if (kind == "folder") {
    std::vector<std::filesystem::path> files;
    const auto order = params.str("order") == "shuffle-seeded" ? FileOrder::ShuffleSeeded : FileOrder::Name;
    if (Status ok = list_image_files(params.str("folder"), params.str("pattern"), order,
                                     static_cast<std::uint64_t>(params.integer("seed")), files);
        !ok)
      return ok;
    provider = std::make_unique<FolderProvider>(std::move(files), size, dir);
  } else if (kind == "http") {
    HttpSourceSettings settings;
    settings.search_url = params.str("search_url");
    settings.urls = params.list("urls");
    settings.api_key = params.str("api_key");
    settings.cache = params.flag("cache");
    settings.max_image_bytes = static_cast<std::size_t>(params.integer("max_image_bytes"));
    settings.max_attempts = static_cast<int>(params.integer("max_attempts"));
    settings.timeout_s = params.number("timeout_s");
    provider = std::make_unique<HttpProvider>(context, std::move(settings), size, dir);
  } else {
    provider = std::make_unique<GeneratedProvider>(size, params.integer("seed"), dir);
  }
  return Status::ok();
}

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

  std::unique_ptr<ImageProvider> provider;
  if (Status ok = make_provider(context, size, context.work_dir(), provider); !ok) return ok;
  // A redone scene asks its own provider for the picture of a shifted number (the
  // take's), so it gets another one, the same for the same take.
  const SceneRedo& redo = context.redo();
  std::unique_ptr<ImageProvider> retake;
  if (!redo.empty()) {
    std::filesystem::create_directories(context.work_dir() / "retake");
    if (Status ok = make_provider(context, size, context.work_dir() / "retake", retake); !ok) return ok;
  }
  const ImageSet* previous = kept_images(context, scenes.size());
  if (!redo.empty() && *redo.scenes.rbegin() > static_cast<int>(scenes.size()))
    context.log(LogLevel::Warn, "redo: there is no scene " + std::to_string(*redo.scenes.rbegin()) + " (" +
                                    std::to_string(scenes.size()) + " scenes)");

  ImageSet set;
  context.progress(0.0, "0/" + std::to_string(scenes.size()) + " images");
  for (std::size_t i = 0; i < scenes.size(); ++i) {
    if (context.cancelled()) return Status::error("cancelled");
    std::filesystem::path image;
    if (redo.covers(i)) {
      std::filesystem::path taken;
      if (Status ok = retake->image_for(i + static_cast<std::size_t>(redo.take), scenes[i], taken); !ok) return ok;
      image = scene_image_path(context.work_dir(), i);
      std::filesystem::copy_file(taken, image, std::filesystem::copy_options::overwrite_existing);
    } else if (previous) {
      image = scene_image_path(context.work_dir(), i);
      std::filesystem::copy_file(previous->images[i], image, std::filesystem::copy_options::overwrite_existing);
    } else if (Status ok = provider->image_for(i, scenes[i], image); !ok) {
      return ok;
    }
    set.images.push_back(image);
    context.progress(double(i + 1) / double(scenes.size()),
                     std::to_string(i + 1) + "/" + std::to_string(scenes.size()) + " images");
  }
  context.log(LogLevel::Info, "provider '" + context.params().str("provider") + "': " +
                                  std::to_string(set.images.size()) + " scene images at " +
                                  std::to_string(size.width) + "x" + std::to_string(size.height));
  context.set_output("images", std::move(set));
  return Status::ok();
}

}  // namespace

void ImageSourceStage::setup(StageSpec& spec) {
  spec.describe(
      "One picture per scene, all cover-cropped to one size: backgrounds generated offline, pictures "
      "from a folder, or photos downloaded over HTTP (stock-photo search or a list of URLs).");
  spec.input("scenes", types::scenes, "the scenes to illustrate, in order");
  spec.output("images", types::image, "one JPEG per scene, in scene order, each width x height");

  spec.param("provider", "generated",
             "generated: abstract backgrounds painted from the scene text (offline); folder: pictures "
             "from 'folder'; http: downloads from 'urls' or a stock-photo search at 'search_url'")
      .one_of({"generated", "folder", "http"});
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
  spec.param("max_attempts", 3, "provider http: tries per request (retries 5xx, 429, timeouts)").range(1, 10);
  spec.param("timeout_s", 30.0, "provider http: time limit of one request, in seconds").range(1.0, 600.0);

  spec.redoes_scenes();
  spec.trust("folder", ParamTrust::Path)
      .trust("pattern", ParamTrust::Path)
      .trust("search_url", ParamTrust::Url)
      .trust("urls", ParamTrust::Url)
      .uses_network_when("provider", {"http"});
}

Status ImageSourceStage::process(StageContext& context) {
  try {
    return make_images(context);
  } catch (const std::exception& e) {  // filesystem and OpenCV failures
    return Status::error(e.what());
  }
}

}  // namespace reelflow::image_source
