#pragma once
// How a source stage's providers talk HTTP: one set of limits for every request
// (searches, downloads, generation calls), from the stage's params.
#include <reelflow/http.hpp>
#include <reelflow/stage_context.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace reelflow::source_kit {

struct FetchSettings {
  bool cache = true;  // keep downloads in the stage's folder of the cache dir
  std::size_t max_bytes = 25u << 20;
  int max_attempts = 3;
  double timeout_s = 30.0;
};

// The settings from the stage's params `cache`, `max_attempts`, `timeout_s` and
// `max_bytes_param` (each stage names its own size limit).
FetchSettings fetch_settings(const ParamSet& params, const char* max_bytes_param);

// The stage's providers in the order to try: `providers` when the chain is set, else `provider`.
std::vector<std::string> provider_names(const ParamSet& params);

// A request to `url` with the settings' time limit and the context's retry policy
// with `max_attempts`; `secret` is redacted from its messages.
HttpRequest make_request(const StageContext& context, const FetchSettings& settings, std::string url,
                         const std::string& secret = {});

}  // namespace reelflow::source_kit
