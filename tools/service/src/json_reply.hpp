#pragma once
// JSON answers of the API's routes. Text that came from elsewhere (a job's error, a
// variable) may not be valid UTF-8: it is answered with replacement characters, not
// with an exception.
#include <reelflow/diagnostics.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace httplib {
struct Response;
}

namespace reelflow::service {

void reply_json(httplib::Response& res, int status, const nlohmann::json& body);
// {"error": message}
void reply_error(httplib::Response& res, int status, const std::string& message);
// A graph's validation errors: file, line, column, message, expected, text.
nlohmann::json diagnostics_json(const Diagnostics& diagnostics);

}  // namespace reelflow::service
