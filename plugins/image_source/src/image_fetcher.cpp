#include "image_fetcher.hpp"

#include "source_kit.hpp"
#include "image_header.hpp"
#include "image_loader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace reelflow::image_source {
namespace {

constexpr DecodeRules kDownloadRules{kMaxImageSide, /*common_formats_only=*/true};

}  // namespace

ImageFetcher::ImageFetcher(StageContext& context, FetchSettings settings)
    : context_(context), settings_(settings) {
  if (settings_.cache)
    cache_.emplace(context_.cache_dir() / "image_source", std::vector<std::string>{"jpg", "png", "webp", "bmp", "tif", "img"});
}

HttpRequest ImageFetcher::request_to(std::string url, const std::string& secret) const {
  return make_request(context_, settings_, std::move(url), secret);
}

cv::Mat ImageFetcher::from_cache(const std::string& identity) {
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

Status ImageFetcher::download(const std::string& url, const std::string& identity, std::size_t index,
                              cv::Mat& picture) {
  const auto incoming = incoming_for(identity, index);
  if (Status got = download_to_file(context_.http(), request_to(url), incoming, settings_.max_bytes, "image download", url);
      !got)
    return got;
  return keep(incoming, url_for_messages(url), identity, picture);
}

Status ImageFetcher::accept(const std::string& bytes, const std::string& what, const std::string& identity,
                            std::size_t index, cv::Mat& picture) {
  if (bytes.size() > settings_.max_bytes)
    return Status::error("image '" + what + "' is larger than " + std::to_string(settings_.max_bytes) +
                         " bytes (max_image_bytes)");
  const auto incoming = incoming_for(identity, index);
  std::filesystem::create_directories(incoming.parent_path());
  {
    std::ofstream out(incoming, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.good()) {
      remove_quietly(incoming);
      return Status::error("cannot write '" + incoming.string() + "'");
    }
  }
  return keep(incoming, what, identity, picture);
}

std::filesystem::path ImageFetcher::incoming_for(const std::string& identity, std::size_t index) const {
  return cache_ ? cache_->incoming_path(identity) : context_.work_dir() / ("download-" + std::to_string(index + 1));
}

// Only a picture that decodes is used, and only then stored (renamed into place).
Status ImageFetcher::keep(const std::filesystem::path& incoming, const std::string& what,
                          const std::string& identity, cv::Mat& picture) {
  if (Status ok = load_image(incoming, what, kDownloadRules, picture); !ok) {
    remove_quietly(incoming);
    return ok;
  }
  if (!cache_) {
    remove_quietly(incoming);
    return Status::ok();
  }
  std::filesystem::path entry;
  return cache_->admit(identity, incoming, read_image_header(incoming).extension, entry);
}

}  // namespace reelflow::image_source
