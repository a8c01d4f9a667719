#include "json_reply.hpp"

#include <httplib.h>

namespace reelflow::service {

void reply_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& message) {
  reply_json(res, status, {{"error", message}});
}

nlohmann::json diagnostics_json(const Diagnostics& diagnostics) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : diagnostics)
    list.push_back({{"file", d.location.file},
                    {"line", d.location.line},
                    {"column", d.location.column},
                    {"message", d.message},
                    {"expected", d.expected},
                    {"text", d.to_string()}});
  return list;
}

}  // namespace reelflow::service
