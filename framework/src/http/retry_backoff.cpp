#include "http/retry_backoff.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace reelflow::framework {

bool is_retryable_status(long status) {
  switch (status) {
    case 408: case 429: case 500: case 502: case 503: case 504: case 529:
      return true;
    default:
      return false;
  }
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double unit_random) {
  const double initial = static_cast<double>(std::max<std::int64_t>(policy.initial_backoff_ms, 0));
  const double cap = static_cast<double>(std::max<std::int64_t>(policy.max_backoff_ms, 0));
  const double multiplier = std::max(policy.multiplier, 1.0);
  // Computed in double and capped before converting, so large retry counts cannot overflow.
  const double backoff = std::min(initial * std::pow(multiplier, std::max(retry - 1, 0)), cap);
  double delay = backoff;
  if (policy.jitter) delay = backoff / 2.0 + std::clamp(unit_random, 0.0, 1.0) * (backoff / 2.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(delay)));
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;

  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    // More digits than the cap could ever need: saturate rather than overflow.
    if (value.size() > 6) return kMaxRetryAfter;
    const auto seconds = std::chrono::seconds(std::stoll(std::string(value)));
    return std::min<std::chrono::milliseconds>(seconds, kMaxRetryAfter);
  }

  const std::time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::from_time_t(when) - now);
  return std::clamp<std::chrono::milliseconds>(delay, std::chrono::milliseconds(0), kMaxRetryAfter);
}

}  // namespace reelflow::framework
