#pragma once
#include "clip_fetcher.hpp"
#include "source_kit.hpp"

#include <reelflow/stage_context.hpp>

#include <string>

namespace reelflow::clip_source {

struct StockClipSettings {
  std::string base_url;  // the API root: searches go to {base_url}/videos/search
  std::string api_key;   // sent as the Authorization header of searches only
  int per_page = 5;
  int width = 1080;  // the video's frame: the file closest to it is taken
  int height = 1920;
  FetchSettings fetch;
};

// Searches for each scene's visual text, takes the file closest to the frame and
// downloads it. A hit in the download cache (keyed by the search request, never the
// key) makes no request at all.
class StockClipProvider final : public SceneFileProvider {
 public:
  StockClipProvider(StageContext& context, StockClipSettings settings);

  Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) override;
  bool refused_credentials() const override { return refused_credentials_; }

 private:
  Status search(const std::string& request_url, const std::string& query, std::string& url);

  StageContext& context_;
  StockClipSettings settings_;
  ClipFetcher fetcher_;
  bool refused_credentials_ = false;
};

}  // namespace reelflow::clip_source
