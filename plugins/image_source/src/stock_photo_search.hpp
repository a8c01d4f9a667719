#pragma once
// A Pexels-compatible stock-photo search:
//   GET {search_url}?query=<text>&per_page=1&orientation=<portrait|landscape|square>
//   Authorization: <api key>
// answered with {"photos": [{"src": {"original": url, "large2x": url, ...}}]}.
#include "image_size.hpp"

#include <reelflow/status.hpp>

#include <string>
#include <string_view>

namespace reelflow::image_source {

// The request URL for one search (query percent-encoded).
std::string search_request_url(std::string_view search_url, std::string_view query, std::string_view orientation);

// The URL of the first photo in a search reply, at the largest size offered
// (original, then large2x, large, portrait, medium); an error when there is none.
Status pick_photo_url(std::string_view reply, std::string& url);

}  // namespace reelflow::image_source
