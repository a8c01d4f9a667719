#pragma once
#include "image_fetcher.hpp"
#include "image_provider.hpp"
#include "image_size.hpp"

#include <reelflow/stage_context.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::image_source {

struct HttpSourceSettings {
  std::string search_url;         // stock-photo search endpoint (used when urls is empty)
  std::vector<std::string> urls;  // plain image URLs, scene i gets urls[i % n]
  std::string api_key;            // sent as the Authorization header of searches only
  FetchSettings fetch;
};

// Downloads a picture per scene (a given URL, or the first hit of a search for
// the scene's visual text) through the context's HTTP client, checks that it is
// a sane image, and cover-crops it to size.
class HttpProvider final : public ImageProvider {
 public:
  // Pictures go into `out_dir`.
  HttpProvider(StageContext& context, HttpSourceSettings settings, ImageSize size, std::filesystem::path out_dir);

  Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& image) override;
  bool refused_credentials() const override { return refused_credentials_; }

 private:
  // What to fetch for one scene and the cache identity of the result.
  struct Wanted {
    std::string url;    // empty until searched
    std::string query;  // for searches
    std::string identity;
  };

  Status want_for(std::size_t index, const Scene& scene, Wanted& wanted) const;
  Status download(std::size_t index, Wanted& wanted, cv::Mat& picture);
  Status search(const std::string& query, std::string& url);

  StageContext& context_;
  HttpSourceSettings settings_;
  ImageSize size_;
  ImageFetcher fetcher_;
  bool refused_credentials_ = false;
  std::filesystem::path out_dir_;
};

}  // namespace reelflow::image_source
