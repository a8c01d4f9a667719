#pragma once
// Clips that come over HTTP (a stock search's file, a prediction's output): a
// download is checked by probing it (a video with a length) before it is used, and
// kept in the download cache (<cache_dir>/clip_source/) under an identity that never
// holds a key. With `cache: false` downloads go to the work dir instead.
#include "source_kit.hpp"

#include <reelflow/stage_context.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace reelflow::clip_source {

class ClipFetcher {
 public:
  ClipFetcher(StageContext& context, FetchSettings settings);

  // The cached clip for `identity`, or an empty path. An entry that no longer
  // probes as a clip is dropped so that it is fetched again.
  std::filesystem::path from_cache(const std::string& identity);

  // Downloads `url` (at most max_bytes, no credentials sent), checks it and keeps it as `identity`.
  Status download(const std::string& url, const std::string& identity, std::size_t index,
                  std::filesystem::path& clip);

  HttpRequest request_to(std::string url, const std::string& secret = {}) const {
    return make_request(context_, settings_, std::move(url), secret);
  }

 private:
  StageContext& context_;
  FetchSettings settings_;
  std::optional<DownloadCache> cache_;
};

}  // namespace reelflow::clip_source
