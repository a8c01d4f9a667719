#pragma once
// What of an HTTP request may appear in a message: the URL without credentials,
// query or fragment, and any text with the request's secrets replaced by ***.
#include <reelflow/http.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reelflow::framework {

// The URL as it may appear in messages: no user:password@, no query string or fragment
// (API keys often travel there).
std::string display_url(std::string_view url);

// Replaces every secret of a request with *** and folds a message onto one line. The
// secrets are the request's own plus credential-looking header values and URL passwords,
// each also in its percent-encoded form.
class HttpRedactor {
 public:
  explicit HttpRedactor(const HttpRequest& request);

  std::string operator()(std::string text) const;

 private:
  void add(const std::string& secret);

  std::vector<std::string> secrets_;
};

}  // namespace reelflow::framework
