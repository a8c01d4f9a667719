#pragma once
// The Authorization header for the http target: Basic (username/password) or
// Bearer (bearer_token), and the values that must be redacted from messages.
#include <reelflow/http.hpp>
#include <reelflow/param.hpp>
#include <reelflow/status.hpp>

#include <string>
#include <vector>

namespace reelflow::uploader {

struct HttpAuth {
  HttpHeaders headers;               // empty without credentials
  std::vector<std::string> secrets;  // password, token and the encoded header value
};

// Fails when both kinds of credentials are set, or a password comes without a user.
Status make_http_auth(const ParamSet& params, HttpAuth& auth);

}  // namespace reelflow::uploader
