#include "stock_photo_search.hpp"

#include "source_kit.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::image_source {
std::string search_request_url(std::string_view search_url, std::string_view query, std::string_view orientation) {
  std::string url(search_url);
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "query=" + percent_encode(query) + "&per_page=1&orientation=" + std::string(orientation);
  return url;
}

Status pick_photo_url(std::string_view reply, std::string& url) {
  const auto json = nlohmann::json::parse(reply, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return Status::error("the reply is not JSON");
  const auto photos = json.find("photos");
  if (photos == json.end() || !photos->is_array()) return Status::error("the reply has no 'photos' list");
  if (photos->empty()) return Status::error("no photos found");
  const auto& photo = photos->front();
  const auto sources = photo.is_object() ? photo.find("src") : photo.end();
  if (sources == photo.end() || !sources->is_object()) return Status::error("the first photo has no 'src'");
  for (const char* size : {"original", "large2x", "large", "portrait", "medium"}) {
    const auto found = sources->find(size);
    if (found != sources->end() && found->is_string() && !found->get<std::string>().empty()) {
      url = found->get<std::string>();
      return Status::ok();
    }
  }
  return Status::error("the first photo has no image URL in 'src'");
}

}  // namespace reelflow::image_source
