#include "prediction_api.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace reelflow::clip_source {
namespace {

std::string string_at(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

std::string predictions_url(std::string_view base_url) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/v1/predictions";
}

std::string prediction_request(std::string_view model, std::string_view version, std::string_view prompt,
                               std::string_view image_data_uri) {
  nlohmann::json body;
  if (!version.empty()) body["version"] = version;
  else body["model"] = model;
  body["input"] = {{"prompt", prompt}};
  if (!image_data_uri.empty()) body["input"]["image"] = image_data_uri;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status read_prediction(std::string_view reply, Prediction& prediction) {
  const auto json = nlohmann::json::parse(reply, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return Status::error("the reply is not JSON");
  prediction.id = string_at(json, "id");
  prediction.status = string_at(json, "status");
  if (prediction.status.empty()) return Status::error("the reply has no 'status'");
  if (const auto urls = json.find("urls"); urls != json.end() && urls->is_object()) {
    prediction.get_url = string_at(*urls, "get");
    prediction.cancel_url = string_at(*urls, "cancel");
  }
  if (const auto error = json.find("error"); error != json.end() && !error->is_null())
    prediction.error = error->is_string() ? error->get<std::string>() : error->dump();
  if (const auto output = json.find("output"); output != json.end()) {
    if (output->is_string()) prediction.output_url = output->get<std::string>();
    else if (output->is_array() && !output->empty() && output->front().is_string())
      prediction.output_url = output->front().get<std::string>();
  }
  return Status::ok();
}

std::string url_origin(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const auto end = url.find_first_of("/?#", scheme + 3);
  std::string origin(url.substr(0, end));
  std::transform(origin.begin(), origin.end(), origin.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return origin;
}

}  // namespace reelflow::clip_source
