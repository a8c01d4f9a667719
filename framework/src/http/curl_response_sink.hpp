#pragma once
// Where the response of one attempt goes: a 2xx body into the download file when
// the request has one, anything else into memory; both bounded by
// max_response_bytes. Also collects the headers of the final response.
#include <reelflow/http.hpp>

#include <curl/curl.h>

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace reelflow::framework {

class CurlResponseSink {
 public:
  // `file` may be null (no download); it stays owned by the caller.
  CurlResponseSink(CURL* easy, std::size_t limit, std::FILE* file) : easy_(easy), limit_(limit), file_(file) {}

  // CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION, with this object as user data.
  static size_t on_write(char* data, size_t size, size_t count, void* user);
  static size_t on_header(char* data, size_t size, size_t count, void* user);

  bool too_large() const { return too_large_; }
  const std::string& write_error() const { return write_error_; }
  std::string take_body() { return std::move(body_); }
  HttpHeaders take_headers() { return std::move(headers_); }

 private:
  size_t write(const char* data, size_t n);
  void header(std::string_view line);

  CURL* easy_;
  std::size_t limit_;
  std::FILE* file_;
  bool sink_chosen_ = false;
  bool to_file_ = false;
  bool too_large_ = false;
  std::size_t received_ = 0;
  std::string write_error_;
  std::string body_;
  HttpHeaders headers_;
};

}  // namespace reelflow::framework
