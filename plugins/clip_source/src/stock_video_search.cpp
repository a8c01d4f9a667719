#include "stock_video_search.hpp"

#include "source_kit.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace reelflow::clip_source {

std::string video_search_url(std::string_view base_url, std::string_view query, std::string_view orientation,
                             int per_page) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/videos/search?query=" + percent_encode(query) + "&orientation=" + std::string(orientation) +
         "&per_page=" + std::to_string(per_page);
}

Status pick_video_file(std::string_view reply, int width, int height, std::string& url) {
  const auto json = nlohmann::json::parse(reply, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return Status::error("the reply is not JSON");
  const auto videos = json.find("videos");
  if (videos == json.end() || !videos->is_array()) return Status::error("the reply has no 'videos' list");
  if (videos->empty()) return Status::error("no videos found");

  const std::string orientation = search_orientation(width, height);
  // Lower is better: the orientation first, then the size (log ratio: 2x too big = 2x too small), then mp4.
  double best = std::numeric_limits<double>::infinity();
  for (const auto& video : *videos) {
    const auto files = video.is_object() ? video.find("video_files") : video.end();
    if (files == video.end() || !files->is_array()) continue;
    for (const auto& file : *files) {
      if (!file.is_object()) continue;
      const auto link = file.find("link");
      const auto w = file.find("width"), h = file.find("height");
      if (link == file.end() || !link->is_string() || link->get_ref<const std::string&>().empty()) continue;
      if (w == file.end() || h == file.end() || !w->is_number() || !h->is_number()) continue;
      const double fw = w->get<double>(), fh = h->get<double>();
      if (!(fw > 0 && fh > 0)) continue;
      const bool oriented = search_orientation(static_cast<int>(fw), static_cast<int>(fh)) == orientation;
      const bool mp4 = file.value("file_type", std::string()) == "video/mp4";
      const double score = (oriented ? 0.0 : 1000.0) + std::abs(std::log(fw * fh / (double(width) * height))) +
                           (mp4 ? 0.0 : 0.001);
      if (score < best) {
        best = score;
        url = link->get<std::string>();
      }
    }
  }
  if (best == std::numeric_limits<double>::infinity()) return Status::error("the videos found have no usable file");
  return Status::ok();
}

}  // namespace reelflow::clip_source
