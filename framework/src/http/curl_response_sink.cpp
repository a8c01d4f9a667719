#include "http/curl_response_sink.hpp"

#include "http/http_syntax.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace reelflow::framework {

size_t CurlResponseSink::on_write(char* data, size_t size, size_t count, void* user) {
  return static_cast<CurlResponseSink*>(user)->write(data, size * count);
}

size_t CurlResponseSink::on_header(char* data, size_t size, size_t count, void* user) {
  static_cast<CurlResponseSink*>(user)->header(std::string_view(data, size * count));
  return size * count;
}

size_t CurlResponseSink::write(const char* data, size_t n) {
  if (!sink_chosen_) {
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    to_file_ = file_ != nullptr && status >= 200 && status < 300;
    sink_chosen_ = true;
  }
  if (n > limit_ - std::min(received_, limit_)) {
    too_large_ = true;
    return 0;  // anything but n makes curl stop with CURLE_WRITE_ERROR
  }
  received_ += n;
  if (!to_file_) {
    body_.append(data, n);
    return n;
  }
  if (std::fwrite(data, 1, n, file_) != n) {
    write_error_ = std::strerror(errno);
    return 0;
  }
  return n;
}

void CurlResponseSink::header(std::string_view line) {
  // Each response (1xx, redirects, the final one) starts with a status line.
  if (line.starts_with("HTTP/")) {
    headers_.clear();
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return;
  headers_.emplace_back(std::string(trim_http_whitespace(line.substr(0, colon))),
                        std::string(trim_http_whitespace(line.substr(colon + 1))));
}

}  // namespace reelflow::framework
