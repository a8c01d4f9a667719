#pragma once
// A Pexels-videos-compatible stock search:
//   GET {base_url}/videos/search?query=<text>&orientation=<portrait|landscape|square>&per_page=<n>
//   Authorization: <api key>
// answered with {"videos": [{"video_files": [{"link", "width", "height", "file_type"}, ...]}, ...]}.
#include <reelflow/status.hpp>

#include <string>
#include <string_view>

namespace reelflow::clip_source {

// The request URL for one search (query percent-encoded).
std::string video_search_url(std::string_view base_url, std::string_view query, std::string_view orientation,
                             int per_page);

// The link of the file, among every video's files, closest in pixel count to
// width x height with the frame's orientation (any orientation when none has it),
// preferring video/mp4 on a tie, then the earlier video; an error when there is none.
Status pick_video_file(std::string_view reply, int width, int height, std::string& url);

}  // namespace reelflow::clip_source
