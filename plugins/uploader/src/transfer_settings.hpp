#pragma once
// Retry and timeout settings shared by the network targets, from the params.
#include <reelflow/http.hpp>
#include <reelflow/param.hpp>
#include <reelflow/stage_context.hpp>

#include <cstdint>

namespace reelflow::uploader {

struct TransferSettings {
  RetryPolicy retry;              // the runtime's client retries 5xx/429/408/transport errors
  std::int64_t timeout_ms = 300'000;  // per attempt, whole transfer

  // The runtime's retry policy with the attempts from the params.
  static TransferSettings from(const StageContext& ctx) {
    const ParamSet& params = ctx.params();
    TransferSettings settings;
    settings.retry = ctx.retry_policy();
    settings.retry.max_attempts = static_cast<int>(params.integer("max_attempts"));
    settings.timeout_ms = static_cast<std::int64_t>(params.number("timeout_s") * 1000.0);
    return settings;
  }

  // A request with these settings and the given secrets to redact.
  HttpRequest request(std::string method, std::string url, std::vector<std::string> secrets) const {
    HttpRequest request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.timeout_ms = timeout_ms;
    request.retry = retry;
    request.secrets = std::move(secrets);
    return request;
  }
};

}  // namespace reelflow::uploader
