#pragma once
// A Replicate-style long-running prediction API:
//   POST {base_url}/v1/predictions   Authorization: Bearer <token>
//   {"version": "<id>" | "model": "<owner/name>", "input": {"prompt": "...", "image": "data:image/jpeg;base64,..."}}
// answered (201) with {"id", "status", "urls": {"get", "cancel"}}; GET urls.get until
// status is succeeded (then `output` is a URL or a list of URLs), failed or canceled
// (then `error` says why).
#include <reelflow/status.hpp>

#include <string>
#include <string_view>

namespace reelflow::clip_source {

struct Prediction {
  std::string id;
  std::string status;  // starting, processing, succeeded, failed, canceled
  std::string get_url;
  std::string cancel_url;
  std::string output_url;  // the first output URL, once succeeded
  std::string error;       // the API's reason, once failed or canceled
  bool finished() const { return status == "succeeded" || status == "failed" || status == "canceled"; }
};

std::string predictions_url(std::string_view base_url);

// The JSON body; `image_data_uri` empty: text to video.
std::string prediction_request(std::string_view model, std::string_view version, std::string_view prompt,
                               std::string_view image_data_uri);

// Reads a create or poll reply; an error when it is not a prediction.
Status read_prediction(std::string_view reply, Prediction& prediction);

// "http://host:port" of a URL (scheme and authority), lower-case; empty when it has none.
std::string url_origin(std::string_view url);

}  // namespace reelflow::clip_source
