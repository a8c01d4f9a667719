#include "image_generation_api.hpp"

#include "source_kit.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::image_source {

std::string generation_size(ImageSize size) {
  if (size.height > size.width) return "1024x1792";
  if (size.width > size.height) return "1792x1024";
  return "1024x1024";
}

std::string generation_url(std::string_view base_url) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/images/generations";
}

std::string generation_request(std::string_view model, std::string_view prompt, std::string_view size) {
  const nlohmann::json body = {{"model", model}, {"prompt", prompt},           {"size", size},
                               {"n", 1},         {"response_format", "b64_json"}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status read_generation_reply(std::string_view reply, GeneratedPicture& picture) {
  const auto json = nlohmann::json::parse(reply, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return Status::error("the reply is not JSON");
  const auto data = json.find("data");
  if (data == json.end() || !data->is_array()) return Status::error("the reply has no 'data' list");
  if (data->empty() || !data->front().is_object()) return Status::error("the reply has no picture");
  const auto& first = data->front();
  if (const auto b64 = first.find("b64_json"); b64 != first.end() && b64->is_string()) {
    auto bytes = base64_decode(b64->get_ref<const std::string&>());
    if (!bytes || bytes->empty()) return Status::error("the reply's b64_json is not base64");
    picture.bytes = std::move(*bytes);
    return Status::ok();
  }
  if (const auto url = first.find("url"); url != first.end() && url->is_string() && !url->get_ref<const std::string&>().empty()) {
    picture.url = url->get<std::string>();
    return Status::ok();
  }
  return Status::error("the reply's picture has neither 'b64_json' nor 'url'");
}

}  // namespace reelflow::image_source
