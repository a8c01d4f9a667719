#include "openai_provider.hpp"

#include "cover_fit.hpp"
#include "source_kit.hpp"
#include "image_generation_api.hpp"
#include "image_writer.hpp"

namespace reelflow::image_source {
namespace {

// Image APIs cap prompts (DALL-E 3: 4000 characters); the art style is bounded by the stage.
constexpr std::size_t kMaxSceneTextBytes = 3000;
// Room for the JSON around a base64 picture, which is 4/3 of its bytes.
constexpr std::size_t kReplyOverheadBytes = 64u << 10;

}  // namespace

std::string generation_prompt(const Scene& scene, const std::string& art_style) {
  std::string prompt = shortened(picture_text(scene), kMaxSceneTextBytes);
  if (!art_style.empty()) prompt += ", " + art_style;
  return prompt;
}

OpenAiProvider::OpenAiProvider(StageContext& context, OpenAiImageSettings settings, ImageSize size,
                               std::filesystem::path out_dir)
    : context_(context),
      settings_(std::move(settings)),
      size_(size),
      fetcher_(context, settings_.fetch),
      out_dir_(std::move(out_dir)) {}

Status OpenAiProvider::file_for(std::size_t index, const Scene& scene, std::filesystem::path& image) {
  if (settings_.api_key.empty())
    return Status::error("provider 'openai' needs 'openai_api_key' (e.g. \"${env:OPENAI_API_KEY}\")");
  if (picture_text(scene).empty())
    return Status::error(scene_label(index) + " has no visual, caption or narration text to generate a picture from");
  const std::string prompt = generation_prompt(scene, settings_.art_style);
  // The same request gives the same cached picture; the key is never part of it.
  const std::string identity = "openai-images\n" + generation_url(settings_.base_url) + "\n" + settings_.model +
                               "\n" + generation_size(size_) + "\n" + prompt;
  cv::Mat picture = fetcher_.from_cache(identity);
  if (picture.empty()) {
    if (Status ok = generate(index, prompt, identity, picture); !ok)
      return Status::error(without_secret(scene_label(index) + ": " + ok.message(), settings_.api_key));
  } else {
    context_.log(LogLevel::Debug, scene_label(index) + ": generated picture from the cache");
  }
  image = scene_image_path(out_dir_, index);
  return write_image(cover_fit(picture, size_), image);
}

Status OpenAiProvider::generate(std::size_t index, const std::string& prompt, const std::string& identity,
                                cv::Mat& picture) {
  const std::string url = generation_url(settings_.base_url);
  HttpRequest request = fetcher_.request_to(url, settings_.api_key);
  request.method = "POST";
  request.headers.emplace_back("Content-Type", "application/json");
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("Authorization", "Bearer " + settings_.api_key);
  request.body = generation_request(settings_.model, prompt, generation_size(size_));
  request.max_response_bytes = fetcher_.settings().max_bytes / 3 * 4 + kReplyOverheadBytes;
  const HttpResponse response = context_.http().send(request);
  const std::string what = "image generation";
  if (response.refused_credentials()) refused_credentials_ = true;
  if (!response.ok()) return Status::error(describe_failure(response, what, url, "openai_api_key"));

  GeneratedPicture generated;
  if (Status ok = read_generation_reply(response.body, generated); !ok)
    return Status::error(what + " at " + url_for_messages(url) + ": " + ok.message());
  if (!generated.url.empty()) return fetcher_.download(generated.url, identity, index, picture);
  return fetcher_.accept(generated.bytes, "b64_json from " + url_for_messages(url), identity, index, picture);
}

}  // namespace reelflow::image_source
