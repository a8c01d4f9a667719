#pragma once
// When to retry an HTTP request and how long to wait first: which failures are
// worth another attempt, the capped exponential backoff with jitter, and the
// server's Retry-After header. Pure functions, so the rules are testable alone.
#include <reelflow/http.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace reelflow::framework {

// A server may ask for a longer pause than this, but a stage should rather fail
// with a clear message than sit silent for minutes; the next attempt then
// reports the server's answer if it is still not ready.
inline constexpr std::chrono::milliseconds kMaxRetryAfter{60'000};

// 408, 429, 500, 502, 503, 504 and 529 (Anthropic's "overloaded"): the server may
// answer differently next time.
bool is_retryable_status(long status);

// The pause before retry number `retry` (1 = the pause after the first attempt):
// initial * multiplier^(retry-1), capped at max_backoff_ms; with jitter the pause
// is spread over [backoff/2, backoff] by `unit_random` in [0, 1].
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double unit_random);

// A Retry-After value (delta-seconds or an HTTP-date) as a pause from `now`,
// never negative, capped at kMaxRetryAfter; nullopt when it is not parseable.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

}  // namespace reelflow::framework
