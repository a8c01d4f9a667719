#include "prediction_clip_provider.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

namespace reelflow::clip_source {
namespace {

constexpr std::size_t kMaxReplyBytes = 1u << 20;
constexpr std::size_t kMaxPromptBytes = 3000;
// A scene picture sent inline: base64 makes it 4/3 larger in the request.
constexpr std::uintmax_t kMaxPictureBytes = 10u << 20;
constexpr double kPollGrowth = 1.5;

using Clock = std::chrono::steady_clock;

Status picture_data_uri(const std::filesystem::path& picture, std::string& uri) {
  std::error_code error;
  const auto size = std::filesystem::file_size(picture, error);
  if (error) return Status::error("picture '" + picture.string() + "' cannot be read");
  if (size > kMaxPictureBytes)
    return Status::error("picture '" + picture.string() + "' is over " + std::to_string(kMaxPictureBytes) + " bytes");
  std::ifstream in(picture, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string extension = picture.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  const std::string mime = extension == ".png" ? "image/png" : extension == ".webp" ? "image/webp" : "image/jpeg";
  uri = "data:" + mime + ";base64," + base64_encode(bytes);
  return Status::ok();
}

std::string seconds_text(double s) {
  std::ostringstream text;
  text << s;
  return text.str() + " s";
}

}  // namespace

PredictionClipProvider::PredictionClipProvider(StageContext& context, PredictionSettings settings,
                                               std::vector<std::filesystem::path> pictures)
    : context_(context),
      settings_(std::move(settings)),
      pictures_(std::move(pictures)),
      fetcher_(context, settings_.fetch) {}

Status PredictionClipProvider::file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) {
  if (settings_.api_key.empty())
    return Status::error("provider 'prediction' needs 'prediction_api_key' (e.g. \"${env:REPLICATE_API_TOKEN}\")");
  if (settings_.model.empty() && settings_.version.empty())
    return Status::error("provider 'prediction' needs 'prediction_model' or 'prediction_version'");
  const std::string prompt = shortened(picture_text(scene), kMaxPromptBytes);
  if (prompt.empty())
    return Status::error(scene_label(index) + " has no visual, caption or narration text to make a clip from");
  std::string image;
  if (!pictures_.empty())
    if (Status ok = picture_data_uri(pictures_[index % pictures_.size()], image); !ok)
      return Status::error(scene_label(index) + ": " + ok.message());
  const std::string body = prediction_request(settings_.model, settings_.version, prompt, image);
  // The request names the clip; the scene number joins it so a retake is a new clip.
  const std::string identity =
      "prediction " + predictions_url(settings_.base_url) + " #" + std::to_string(index) + " " + sha256_hex(body);
  file = fetcher_.from_cache(identity);
  if (!file.empty()) {
    context_.log(LogLevel::Debug, scene_label(index) + ": clip from the cache");
    return Status::ok();
  }
  Prediction prediction;
  Status ok = predict(body, prediction);
  if (ok) ok = fetcher_.download(prediction.output_url, identity, index, file);
  if (!ok) return Status::error(without_secret(scene_label(index) + ": " + ok.message(), settings_.api_key));
  return ok;
}

Status PredictionClipProvider::send(HttpRequest request, const std::string& what, Prediction& prediction) {
  request.max_response_bytes = kMaxReplyBytes;
  request.headers.emplace_back("Authorization", "Bearer " + settings_.api_key);
  request.headers.emplace_back("Accept", "application/json");
  const HttpResponse response = context_.http().send(request);
  if (response.refused_credentials()) refused_credentials_ = true;
  if (!response.ok())
    return Status::error(describe_failure(response, what, request.url, "prediction_api_key"));
  if (Status ok = read_prediction(response.body, prediction); !ok)
    return Status::error(what + " at " + url_for_messages(request.url) + ": " + ok.message());
  return Status::ok();
}

Status PredictionClipProvider::predict(const std::string& body, Prediction& prediction) {
  const auto started = Clock::now();
  const std::string create_url = predictions_url(settings_.base_url);
  HttpRequest create = fetcher_.request_to(create_url, settings_.api_key);
  create.method = "POST";
  create.body = body;
  create.headers.emplace_back("Content-Type", "application/json");
  if (Status ok = send(std::move(create), "clip prediction", prediction); !ok) return ok;
  // The token goes only where the graph sent it: a poll URL elsewhere is refused.
  if (!prediction.finished() && url_origin(prediction.get_url) != url_origin(create_url))
    return Status::error("clip prediction " + prediction.id + ": its poll URL '" +
                         url_for_messages(prediction.get_url) + "' is not on " + url_origin(create_url));

  double gap = settings_.first_poll_s;
  while (!prediction.finished()) {
    const double waited = std::chrono::duration<double>(Clock::now() - started).count();
    if (waited >= settings_.max_wait_s) {
      cancel(prediction);
      return Status::error("clip prediction " + prediction.id + " did not finish within " +
                           seconds_text(settings_.max_wait_s) + " (max_wait_s; last status '" + prediction.status +
                           "')");
    }
    if (!wait(std::min(gap, settings_.max_wait_s - waited))) return Status::error("cancelled");
    gap = std::min(gap * kPollGrowth, kMaxPollGapS);
    const std::string last_status = prediction.status;
    if (Status ok = send(fetcher_.request_to(prediction.get_url, settings_.api_key), "clip prediction poll",
                         prediction);
        !ok)
      return ok;
    if (prediction.status != last_status)
      context_.log(LogLevel::Debug, "clip prediction " + prediction.id + ": " + prediction.status);
  }
  if (prediction.status != "succeeded")
    return Status::error("clip prediction " + prediction.id + " " + prediction.status +
                         (prediction.error.empty() ? "" : ": " + prediction.error));
  if (prediction.output_url.empty())
    return Status::error("clip prediction " + prediction.id + " succeeded without an output URL");
  return Status::ok();
}

bool PredictionClipProvider::wait(double seconds) const {
  const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (Clock::now() < until) {
    if (context_.cancelled()) return false;
    const Clock::duration left = until - Clock::now();
    std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(50), left));
  }
  return !context_.cancelled();
}

// Best effort: the service stops spending on a prediction nobody will collect.
void PredictionClipProvider::cancel(const Prediction& prediction) {
  if (prediction.cancel_url.empty() || url_origin(prediction.cancel_url) != url_origin(settings_.base_url)) return;
  HttpRequest request = fetcher_.request_to(prediction.cancel_url, settings_.api_key);
  request.method = "POST";
  request.retry = RetryPolicy{1};
  request.headers.emplace_back("Authorization", "Bearer " + settings_.api_key);
  context_.http().send(request);
}

}  // namespace reelflow::clip_source
