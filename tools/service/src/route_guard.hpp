#pragma once
// Every route answers its own errors, at its own boundary: Redis unreachable → 503,
// anything else → 500, both as {"error": ...}, and the server goes on. Content
// providers (event streams, downloads) run after their route returned, outside
// httplib's exception handler, where an escaping exception would end the process:
// guarded() ends only that response.
#include <httplib.h>

#include <spdlog/spdlog.h>

#include <exception>
#include <string>
#include <utility>

namespace reelflow::service {

// Sets the 503/500 answer for an exception caught while routing `req`.
void answer_error(const httplib::Request& req, httplib::Response& res, std::exception_ptr error);

// A route (any handler signature) whose exceptions become answer_error's answer.
template <class Route>
auto guard_route(Route route) {
  return [route = std::move(route)](const httplib::Request& req, httplib::Response& res, auto&&... more) {
    try {
      route(req, res, std::forward<decltype(more)>(more)...);
    } catch (...) {
      answer_error(req, res, std::current_exception());
    }
  };
}

// A content provider whose exceptions end its response (and are logged).
template <class Provider>
auto guarded(std::string what, Provider provider) {
  return [what = std::move(what), provider = std::move(provider)](auto&&... args) -> bool {
    try {
      return provider(std::forward<decltype(args)>(args)...);
    } catch (const std::exception& e) {
      spdlog::error("{} ended: {}", what, e.what());
    } catch (...) {
      spdlog::error("{} ended by an unknown error", what);
    }
    return false;
  };
}

}  // namespace reelflow::service
