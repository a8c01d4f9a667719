#pragma once
// The runtime's HttpClient, built on libcurl: one easy handle per attempt,
// timeouts, redirects (at most 5), bounded responses, atomic downloads, retries
// with capped exponential backoff and Retry-After, prompt cancellation, and
// secrets redacted from every message. See docs/http-client.md.
// This file holds the retry loop; one attempt is curl_transfer.*, its body and
// response curl_body_source.* and curl_response_sink.*, redaction http_redactor.*.
#include <reelflow/http.hpp>
#include <reelflow/stage_context.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

namespace reelflow::framework {

class CurlHttpClient final : public reelflow::HttpClient {
 public:
  struct Options {
    RetryPolicy retry;                                        // for requests without their own policy
    std::function<bool()> cancelled;                          // checked between attempts and during transfers
    std::function<void(LogLevel, const std::string&)> log;    // optional; messages are already redacted
    std::function<void(std::chrono::milliseconds)> sleep;     // optional (tests); default sleeps in slices checking cancelled
  };

  explicit CurlHttpClient(Options options);
  ~CurlHttpClient() = default;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  // Thread-safe: every call uses its own curl handles.
  HttpResponse send(const HttpRequest& request) override;

  // Whether a server refused the credentials (401 or 403) of a request sent through this
  // client: a failure after that is not worth a retry of the whole stage either.
  bool credentials_refused() const { return credentials_refused_.load(); }

 private:
  bool cancelled() const;
  void log(LogLevel level, const std::string& message) const;
  void pause(std::chrono::milliseconds delay) const;

  Options options_;
  std::atomic<bool> credentials_refused_{false};
};

}  // namespace reelflow::framework
