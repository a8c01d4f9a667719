#pragma once
// Pictures that come over HTTP, for every provider that fetches them: a download
// (or the bytes a service sent inline) is checked by decoding before it is used,
// and kept in the download cache under an identity that never holds a key.
#include "source_kit.hpp"

#include <reelflow/http.hpp>
#include <reelflow/stage_context.hpp>

#include <opencv2/core/mat.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace reelflow::image_source {

class ImageFetcher {
 public:
  ImageFetcher(StageContext& context, FetchSettings settings);

  // A request with the stage's time limit and retries; `secret` is redacted from its messages.
  HttpRequest request_to(std::string url, const std::string& secret = {}) const;

  // The cached picture for `identity`, or an empty Mat. An entry that no longer
  // decodes is dropped so that it is fetched again.
  cv::Mat from_cache(const std::string& identity);

  // Downloads `url` (at most max_image_bytes), decodes it and keeps it as `identity`.
  Status download(const std::string& url, const std::string& identity, std::size_t index, cv::Mat& picture);

  // Decodes `bytes` (called `what` in messages) and keeps them as `identity`.
  Status accept(const std::string& bytes, const std::string& what, const std::string& identity, std::size_t index,
                cv::Mat& picture);

  const FetchSettings& settings() const { return settings_; }

 private:
  std::filesystem::path incoming_for(const std::string& identity, std::size_t index) const;
  Status keep(const std::filesystem::path& incoming, const std::string& what, const std::string& identity,
              cv::Mat& picture);

  StageContext& context_;
  FetchSettings settings_;
  std::optional<DownloadCache> cache_;
};

}  // namespace reelflow::image_source
