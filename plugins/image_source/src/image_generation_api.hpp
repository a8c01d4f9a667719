#pragma once
// An OpenAI-compatible image generation API:
//   POST {base_url}/images/generations
//   Authorization: Bearer <key>
//   {"model": ..., "prompt": ..., "size": "1024x1792", "n": 1, "response_format": "b64_json"}
// answered with {"data": [{"b64_json": "<base64 PNG>"}]} or {"data": [{"url": "https://..."}]}.
#include "image_size.hpp"

#include <reelflow/status.hpp>

#include <string>
#include <string_view>

namespace reelflow::image_source {

// The size the API is asked for: the one of its three shapes (1024x1792,
// 1792x1024, 1024x1024) closest to `size`; the picture is cover-fitted after.
std::string generation_size(ImageSize size);

// The endpoint under `base_url` (with or without a trailing slash).
std::string generation_url(std::string_view base_url);

// The JSON body of one request.
std::string generation_request(std::string_view model, std::string_view prompt, std::string_view size);

// What a reply gave: the picture's bytes, or a URL to download it from.
struct GeneratedPicture {
  std::string bytes;
  std::string url;
};

// Reads the first picture of a reply; an error when there is none or its base64 is broken.
Status read_generation_reply(std::string_view reply, GeneratedPicture& picture);

}  // namespace reelflow::image_source
