#pragma once
// The HTTP client a stage gets from its context. The runtime implements it on
// libcurl with timeouts, retries with capped exponential backoff and jitter,
// Retry-After on 429/503, response size limits and secret redaction, so every
// stage that talks to a service behaves the same way.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reelflow {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct RetryPolicy {
  int max_attempts = 3;               // 1 = no retry
  std::int64_t initial_backoff_ms = 500;
  std::int64_t max_backoff_ms = 8000;
  double multiplier = 2.0;
  bool jitter = true;                 // full jitter in [backoff/2, backoff]
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HttpHeaders headers;
  std::string body;                   // sent when body_file is empty
  std::filesystem::path body_file;    // streamed from disk when set (uploads)
  std::filesystem::path response_file;  // streamed to disk when set (downloads); written atomically
  std::int64_t connect_timeout_ms = 10'000;
  std::int64_t timeout_ms = 120'000;  // whole transfer
  std::size_t max_response_bytes = 64u << 20;
  std::optional<RetryPolicy> retry;   // default: the stage's policy
  std::vector<std::string> secrets;   // values to redact from any message (keys, tokens)
};

struct HttpResponse {
  long status = 0;                    // 0 when no response was received
  HttpHeaders headers;
  std::string body;                   // empty when response_file was used
  int attempts = 0;
  std::string error;                  // transport error of the last attempt, redacted

  bool ok() const { return error.empty() && status >= 200 && status < 300; }

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < k.size() && same; ++i)
        same = (k[i] | 0x20) == (name[i] | 0x20);
      if (same) return v;
    }
    return std::nullopt;
  }

  // 401 or 403: the credentials (key, token, password) were refused. Sending them again
  // cannot help, so neither the client nor the stage's own retries repeat the request.
  bool refused_credentials() const { return error.empty() && (status == 401 || status == 403); }

  // "<what>: HTTP 503: <body start>", "<what>: the server refused the credentials
  // (HTTP 401): <body start>" or the transport error, for messages.
  std::string describe(std::string_view what) const {
    if (!error.empty()) return std::string(what) + ": " + error;
    std::string snippet = body.substr(0, 200);
    return std::string(what) + ": " + status_text() + (snippet.empty() ? "" : ": " + snippet);
  }

  // "HTTP 503", or "the server refused the credentials (HTTP 401)".
  std::string status_text() const {
    const std::string code = "HTTP " + std::to_string(status);
    return refused_credentials() ? "the server refused the credentials (" + code + ")" : code;
  }
};

class HttpClient {
 public:
  // Performs the request, retrying transport errors, 408, 429 and 5xx according to the
  // policy; never retries other 4xx. Never throws for HTTP or transport failures.
  virtual HttpResponse send(const HttpRequest& request) = 0;

 protected:
  ~HttpClient() = default;
};

}  // namespace reelflow
