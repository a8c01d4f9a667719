#include "http_provider.hpp"

#include "cover_fit.hpp"
#include "source_kit.hpp"
#include "image_writer.hpp"
#include "stock_photo_search.hpp"

namespace reelflow::image_source {
namespace {

// A search reply is a small JSON document.
constexpr std::size_t kMaxSearchReplyBytes = 4u << 20;

}  // namespace

HttpProvider::HttpProvider(StageContext& context, HttpSourceSettings settings, ImageSize size,
                           std::filesystem::path out_dir)
    : context_(context),
      settings_(std::move(settings)),
      size_(size),
      fetcher_(context, settings_.fetch),
      out_dir_(std::move(out_dir)) {}

Status HttpProvider::file_for(std::size_t index, const Scene& scene, std::filesystem::path& image) {
  Wanted wanted;
  if (Status ok = want_for(index, scene, wanted); !ok) return ok;

  cv::Mat picture = fetcher_.from_cache(wanted.identity);
  if (picture.empty()) {
    if (Status ok = download(index, wanted, picture); !ok)
      return Status::error(without_secret(scene_label(index) + ": " + ok.message(), settings_.api_key));
  } else {
    context_.log(LogLevel::Debug, scene_label(index) + ": picture from the cache");
  }
  image = scene_image_path(out_dir_, index);
  return write_image(cover_fit(picture, size_), image);
}

Status HttpProvider::want_for(std::size_t index, const Scene& scene, Wanted& wanted) const {
  if (!settings_.urls.empty()) {
    wanted.url = settings_.urls[index % settings_.urls.size()];
    wanted.identity = wanted.url;
    return Status::ok();
  }
  if (settings_.search_url.empty())
    return Status::error("provider 'http' needs 'urls' or a 'search_url'");
  wanted.query = picture_text(scene);
  if (wanted.query.empty())
    return Status::error(scene_label(index) + " has no visual, caption or narration text to search a picture for");
  wanted.identity = search_request_url(settings_.search_url, wanted.query, search_orientation(size_.width, size_.height));
  return Status::ok();
}

Status HttpProvider::download(std::size_t index, Wanted& wanted, cv::Mat& picture) {
  if (wanted.url.empty())
    if (Status ok = search(wanted.query, wanted.url); !ok) return ok;
  return fetcher_.download(wanted.url, wanted.identity, index, picture);
}

Status HttpProvider::search(const std::string& query, std::string& url) {
  const std::string search = search_request_url(settings_.search_url, query, search_orientation(size_.width, size_.height));
  HttpRequest request = fetcher_.request_to(search, settings_.api_key);
  request.max_response_bytes = kMaxSearchReplyBytes;
  request.headers.emplace_back("Accept", "application/json");
  if (!settings_.api_key.empty()) request.headers.emplace_back("Authorization", settings_.api_key);
  const HttpResponse response = context_.http().send(request);
  const std::string what = "image search for '" + shortened(query, 60) + "'";
  if (response.refused_credentials()) refused_credentials_ = true;
  if (!response.ok()) return Status::error(describe_failure(response, what, search));
  if (Status ok = pick_photo_url(response.body, url); !ok) return Status::error(what + ": " + ok.message());
  context_.log(LogLevel::Debug, without_secret(what + ": " + url_for_messages(url), settings_.api_key));
  return Status::ok();
}

}  // namespace reelflow::image_source
