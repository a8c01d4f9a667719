#include "http/curl_http_client.hpp"

#include "http/curl_handles.hpp"
#include "http/curl_transfer.hpp"
#include "http/http_redactor.hpp"
#include "http/http_syntax.hpp"
#include "http/retry_backoff.hpp"

#include <algorithm>
#include <cctype>
#include <random>
#include <thread>
#include <utility>

namespace reelflow::framework {
namespace {

std::chrono::milliseconds random_backoff(const RetryPolicy& policy, int retry) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return backoff_delay(policy, retry, std::uniform_real_distribution<double>(0.0, 1.0)(rng));
}

std::string format_ms(std::chrono::milliseconds delay) { return std::to_string(delay.count()) + " ms"; }

}  // namespace

CurlHttpClient::CurlHttpClient(Options options) : options_(std::move(options)) { ensure_curl_initialized(); }

bool CurlHttpClient::cancelled() const { return options_.cancelled && options_.cancelled(); }

void CurlHttpClient::log(LogLevel level, const std::string& message) const {
  if (options_.log) options_.log(level, message);
}

void CurlHttpClient::pause(std::chrono::milliseconds delay) const {
  if (options_.sleep) {
    options_.sleep(delay);
    return;
  }
  const auto until = std::chrono::steady_clock::now() + delay;
  while (!cancelled()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) return;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(until - now, kCancelPollInterval));
  }
}

// The retry loop: one perform_attempt() per attempt, a backoff pause (or the server's
// Retry-After) between them, every message redacted.
HttpResponse CurlHttpClient::send(const HttpRequest& request) {
  const HttpRedactor redact(request);
  std::string method = request.method;
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string what = method + " " + display_url(request.url);
  const RetryPolicy policy = request.retry.value_or(options_.retry);
  const int max_attempts = std::max(policy.max_attempts, 1);

  HttpResponse response;
  if (!is_http_token(method)) {
    response.error = redact("invalid HTTP method '" + request.method + "' for " + display_url(request.url));
    return response;
  }

  for (int attempt = 1;; ++attempt) {
    if (cancelled()) {
      response.error = redact(what + ": cancelled");
      return response;
    }
    AttemptResult result = perform_attempt(request, method, options_.cancelled);
    response.attempts = attempt;
    response.status = result.status;
    response.headers = std::move(result.headers);
    response.body = std::move(result.body);
    response.error = result.error.empty() ? std::string() : redact(what + ": " + result.error);

    if (response.refused_credentials()) credentials_refused_ = true;
    const bool retryable = result.error.empty() ? is_retryable_status(result.status) : result.retryable;
    if (result.cancelled || !retryable) return response;
    if (attempt >= max_attempts) {
      if (!response.error.empty() && attempt > 1)
        response.error += " (gave up after " + std::to_string(attempt) + " attempts)";
      return response;
    }

    std::chrono::milliseconds delay = random_backoff(policy, attempt);
    if (result.status == 429 || result.status == 503 || result.status == 529) {
      if (auto retry_after = response.header("Retry-After"))
        if (auto parsed = parse_retry_after(*retry_after, std::chrono::system_clock::now())) delay = *parsed;
    }
    const std::string reason = result.error.empty() ? "HTTP " + std::to_string(result.status) : result.error;
    log(LogLevel::Warn, redact(what + ": " + reason + ", retrying in " + format_ms(delay) + " (attempt " +
                               std::to_string(attempt + 1) + "/" + std::to_string(max_attempts) + ")"));
    pause(delay);
  }
}

}  // namespace reelflow::framework
