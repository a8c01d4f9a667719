#include "http_provider.hpp"

#include "cover_fit.hpp"
#include "image_header.hpp"
#include "image_loader.hpp"
#include "image_writer.hpp"
#include "stock_photo_search.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::image_source {
namespace {

// A search reply is a small JSON document.
constexpr std::size_t kMaxSearchReplyBytes = 4u << 20;

constexpr DecodeRules kDownloadRules{kMaxImageSide, /*common_formats_only=*/true};

// The text a scene's picture should show: its visual description, else its caption or narration.
std::string search_text(const Scene& scene) {
  for (const std::string* text : {&scene.visual, &scene.caption, &scene.narration})
    if (text->find_first_not_of(" \t\r\n") != std::string::npos) return *text;
  return {};
}

// At most about `limit` bytes of `text` for a message, cut between UTF-8 characters.
std::string shortened(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

std::string scene_label(std::size_t index) { return "scene " + std::to_string(index + 1); }

void remove_quietly(const std::filesystem::path& file) {
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
}

// The URL as messages show it: no query string (signed URLs carry tokens there).
std::string url_for_messages(std::string_view url) { return std::string(url.substr(0, url.find_first_of("?#"))); }

// "<what>: HTTP 404 from <url>: <start of the body>" or "<what> failed: <transport
// error>" (the client's errors already name the method and URL), on one line.
std::string describe_failure(const HttpResponse& response, const std::string& what, std::string_view url) {
  if (!response.error.empty()) return what + " failed: " + response.error;
  std::string message = what + ": " + response.status_text() + " from " + url_for_messages(url);
  if (response.refused_credentials()) message += " (check api_key)";
  std::string snippet = response.body.substr(0, 160);
  for (char& c : snippet)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  if (snippet.find_first_not_of(' ') != std::string::npos) message += ": " + snippet;
  return message;
}

// A server may echo the key back (in an error body, say); it never leaves this stage.
std::string without_secret(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
    text.replace(at, secret.size(), "***");
  return text;
}

}  // namespace

HttpProvider::HttpProvider(StageContext& context, HttpSourceSettings settings, ImageSize size,
                           std::filesystem::path out_dir)
    : context_(context), settings_(std::move(settings)), size_(size), out_dir_(std::move(out_dir)) {
  if (settings_.cache) cache_.emplace(context_.cache_dir() / "image_source");
}

Status HttpProvider::image_for(std::size_t index, const Scene& scene, std::filesystem::path& image) {
  Wanted wanted;
  if (Status ok = want_for(index, scene, wanted); !ok) return ok;

  cv::Mat picture = from_cache(wanted.identity);
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
  wanted.query = search_text(scene);
  if (wanted.query.empty())
    return Status::error(scene_label(index) + " has no visual, caption or narration text to search a picture for");
  wanted.identity = search_request_url(settings_.search_url, wanted.query, search_orientation(size_));
  return Status::ok();
}

// The cached picture, or an empty Mat. An entry that no longer decodes is
// dropped so that it is fetched again.
cv::Mat HttpProvider::from_cache(const std::string& identity) {
  cv::Mat picture;
  if (!cache_) return picture;
  const auto entry = cache_->find(identity);
  if (entry.empty()) return picture;
  if (Status ok = load_image(entry, entry.string(), kDownloadRules, picture); !ok) {
    context_.log(LogLevel::Warn, "dropping unreadable cache entry: " + ok.message());
    remove_quietly(entry);
    picture.release();
  }
  return picture;
}

Status HttpProvider::download(std::size_t index, Wanted& wanted, cv::Mat& picture) {
  if (wanted.url.empty())
    if (Status ok = search(wanted.query, wanted.url); !ok) return ok;

  const auto incoming = cache_ ? cache_->incoming_path(wanted.identity)
                               : out_dir_ / ("download-" + std::to_string(index + 1));
  HttpRequest request = request_to(wanted.url);
  request.response_file = incoming;
  request.max_response_bytes = settings_.max_image_bytes;
  const HttpResponse response = context_.http().send(request);
  if (!response.ok()) {
    remove_quietly(incoming);
    return Status::error(describe_failure(response, "image download", wanted.url));
  }

  if (Status ok = load_image(incoming, url_for_messages(wanted.url), kDownloadRules, picture); !ok) {
    remove_quietly(incoming);
    return ok;
  }
  if (!cache_) {
    remove_quietly(incoming);
    return Status::ok();
  }
  std::filesystem::path entry;
  return cache_->admit(wanted.identity, incoming, read_image_header(incoming).extension, entry);
}

Status HttpProvider::search(const std::string& query, std::string& url) {
  const std::string search = search_request_url(settings_.search_url, query, search_orientation(size_));
  HttpRequest request = request_to(search);
  request.max_response_bytes = kMaxSearchReplyBytes;
  request.headers.emplace_back("Accept", "application/json");
  if (!settings_.api_key.empty()) request.headers.emplace_back("Authorization", settings_.api_key);
  const HttpResponse response = context_.http().send(request);
  const std::string what = "image search for '" + shortened(query, 60) + "'";
  if (!response.ok()) return Status::error(describe_failure(response, what, search));
  if (Status ok = pick_photo_url(response.body, url); !ok) return Status::error(what + ": " + ok.message());
  context_.log(LogLevel::Debug, without_secret(what + ": " + url_for_messages(url), settings_.api_key));
  return Status::ok();
}

HttpRequest HttpProvider::request_to(std::string url) const {
  HttpRequest request;
  request.url = std::move(url);
  request.timeout_ms = std::llround(settings_.timeout_s * 1000.0);
  request.connect_timeout_ms = std::min<std::int64_t>(request.timeout_ms, 10'000);
  RetryPolicy retry = context_.retry_policy();
  retry.max_attempts = settings_.max_attempts;
  request.retry = retry;
  if (!settings_.api_key.empty()) request.secrets.push_back(settings_.api_key);
  return request;
}

}  // namespace reelflow::image_source
