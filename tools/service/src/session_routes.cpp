// POST /api/v1/session {"token": "..."} signs the page in: the server sets the
// session cookie (HttpOnly, SameSite=Strict), so the page's script never holds it.
// DELETE /api/v1/session signs out. See access_policy.hpp.
#include "access_policy.hpp"
#include "api_server.hpp"
#include "json_reply.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace reelflow::service {

void ApiServer::post_session(const httplib::Request&, httplib::Response& res, const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("token") || !json["token"].is_string())
    return reply_error(res, 400, R"(the body must be {"token": "<the API token>"})");
  if (!access_->token_matches(json["token"].get<std::string>())) return reply_error(res, 401, "that token is not accepted");
  res.set_header("Set-Cookie", access_->sign_in_cookie());
  res.set_header("Cache-Control", "no-store");
  res.status = 204;
}

void ApiServer::delete_session(const httplib::Request&, httplib::Response& res, const std::string&) {
  res.set_header("Set-Cookie", AccessPolicy::sign_out_cookie());
  res.status = 204;
}

}  // namespace reelflow::service
