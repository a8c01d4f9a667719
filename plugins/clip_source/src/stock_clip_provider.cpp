#include "stock_clip_provider.hpp"

#include "stock_video_search.hpp"

namespace reelflow::clip_source {
namespace {

// A search reply is a small JSON document.
constexpr std::size_t kMaxSearchReplyBytes = 4u << 20;

}  // namespace

StockClipProvider::StockClipProvider(StageContext& context, StockClipSettings settings)
    : context_(context), settings_(std::move(settings)), fetcher_(context, settings_.fetch) {}

Status StockClipProvider::file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) {
  if (settings_.api_key.empty())
    return Status::error("provider 'stock' needs 'stock_api_key' (e.g. \"${env:PEXELS_API_KEY}\")");
  const std::string query = picture_text(scene);
  if (query.empty())
    return Status::error(scene_label(index) + " has no visual, caption or narration text to search a clip for");
  const std::string request_url = video_search_url(settings_.base_url, query,
                                                   search_orientation(settings_.width, settings_.height),
                                                   settings_.per_page);
  file = fetcher_.from_cache(request_url);
  if (!file.empty()) {
    context_.log(LogLevel::Debug, scene_label(index) + ": clip from the cache");
    return Status::ok();
  }
  std::string url;
  Status ok = search(request_url, query, url);
  if (ok) ok = fetcher_.download(url, request_url, index, file);
  if (!ok) return Status::error(without_secret(scene_label(index) + ": " + ok.message(), settings_.api_key));
  return ok;
}

Status StockClipProvider::search(const std::string& request_url, const std::string& query, std::string& url) {
  HttpRequest request = fetcher_.request_to(request_url, settings_.api_key);
  request.max_response_bytes = kMaxSearchReplyBytes;
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("Authorization", settings_.api_key);
  const HttpResponse response = context_.http().send(request);
  const std::string what = "clip search for '" + shortened(query, 60) + "'";
  if (response.refused_credentials()) refused_credentials_ = true;
  if (!response.ok()) return Status::error(describe_failure(response, what, request_url, "stock_api_key"));
  if (Status ok = pick_video_file(response.body, settings_.width, settings_.height, url); !ok)
    return Status::error(what + ": " + ok.message());
  context_.log(LogLevel::Debug, without_secret(what + ": " + url_for_messages(url), settings_.api_key));
  return Status::ok();
}

}  // namespace reelflow::clip_source
