#pragma once
// One attempt of an HTTP request on libcurl: a fresh easy handle, header list,
// body source and download temp file, driven so that cancellation is noticed
// promptly. Retrying is the caller's business (curl_http_client.cpp).
#include <reelflow/http.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace reelflow::framework {

// How often a running transfer (or a backoff pause) looks at the cancel flag.
inline constexpr std::chrono::milliseconds kCancelPollInterval{25};

struct AttemptResult {
  long status = 0;
  HttpHeaders headers;
  std::string body;
  std::string error;  // empty when a complete response arrived; not yet redacted
  bool retryable = false;  // a transport failure worth another attempt
  bool cancelled = false;
};

// `method` is the request's method, upper-case and already checked to be a token.
// A 2xx body for a request with a response_file is renamed into place only when
// complete; no temp file is left otherwise.
AttemptResult perform_attempt(const HttpRequest& request, const std::string& method,
                              const std::function<bool()>& cancelled);

}  // namespace reelflow::framework
