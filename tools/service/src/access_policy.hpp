#pragma once
// Who a request is from and whether it may change anything. Tools send the token as
// a bearer header. The page signs in once (POST /api/v1/session) and then travels on
// an HttpOnly, SameSite=Strict cookie the server sets, whose value is derived from
// the token (never the token itself). A cookie is sent by the browser whoever made
// the page, so a request that changes something on a cookie must carry this
// server's own Origin; any body must be JSON, which no plain HTML form can send.
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

namespace reelflow::service {

enum class Credential { None, Bearer, Cookie };

struct Refusal {
  int status;
  std::string message;
};

class AccessPolicy {
 public:
  static constexpr const char* kCookie = "reelflow_session";

  explicit AccessPolicy(std::string token);

  // A valid bearer token, else a valid session cookie, else none (compared in constant time).
  Credential credential(const httplib::Request& req) const;
  bool token_matches(std::string_view presented) const;
  // Set-Cookie values that sign the page in and out.
  std::string sign_in_cookie() const;
  static std::string sign_out_cookie();
  // Why a request that changes something is refused (403, 415), if it is.
  std::optional<Refusal> check_mutation(const httplib::Request& req, Credential credential) const;

 private:
  std::string token_;
  std::string session_;
};

bool is_mutating(const httplib::Request& req);
// A Content-Length above 0 or a Transfer-Encoding: the request has a body to read.
bool carries_body(const httplib::Request& req);

}  // namespace reelflow::service
