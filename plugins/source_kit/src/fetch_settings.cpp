#include <source_kit/fetch_settings.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace reelflow::source_kit {

HttpRequest make_request(const StageContext& context, const FetchSettings& settings, std::string url,
                         const std::string& secret) {
  HttpRequest request;
  request.url = std::move(url);
  request.timeout_ms = std::llround(settings.timeout_s * 1000.0);
  request.connect_timeout_ms = std::min<std::int64_t>(request.timeout_ms, 10'000);
  RetryPolicy retry = context.retry_policy();
  retry.max_attempts = settings.max_attempts;
  request.retry = retry;
  if (!secret.empty()) request.secrets.push_back(secret);
  return request;
}

FetchSettings fetch_settings(const ParamSet& params, const char* max_bytes_param) {
  FetchSettings fetch;
  fetch.cache = params.flag("cache");
  fetch.max_bytes = static_cast<std::size_t>(params.integer(max_bytes_param));
  fetch.max_attempts = static_cast<int>(params.integer("max_attempts"));
  fetch.timeout_s = params.number("timeout_s");
  return fetch;
}

std::vector<std::string> provider_names(const ParamSet& params) {
  const auto& chain = params.list("providers");
  return chain.empty() ? std::vector<std::string>{params.str("provider")} : chain;
}

}  // namespace reelflow::source_kit
