#include "http_auth.hpp"

#include <openssl/evp.h>

namespace reelflow::uploader {
namespace {

std::string base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

Status make_http_auth(const ParamSet& params, HttpAuth& auth) {
  const std::string& user = params.str("username");
  const std::string& password = params.str("password");
  const std::string& token = params.str("bearer_token");
  if (!token.empty() && !user.empty())
    return Status::error("set either 'username'/'password' or 'bearer_token', not both");
  if (user.empty() && !password.empty()) return Status::error("param 'password' is set but 'username' is empty");
  if (user.find(':') != std::string::npos) return Status::error("param 'username' must not contain ':'");

  if (!token.empty()) {
    auth.headers.emplace_back("Authorization", "Bearer " + token);
    auth.secrets = {token};
  } else if (!user.empty()) {
    std::string encoded = base64(user + ":" + password);
    auth.headers.emplace_back("Authorization", "Basic " + encoded);
    auth.secrets = {password, encoded};
  }
  return Status::ok();
}

}  // namespace reelflow::uploader
