#pragma once
// A plain TCP connection to 127.0.0.1 for requests no HTTP client library would send
// (an endless header, a chunked body that does not stop) and for many idle event
// streams at once.
#include <chrono>
#include <cstddef>
#include <string>

namespace reelflow::testing {

class RawHttp {
 public:
  explicit RawHttp(int port);  // throws std::runtime_error when it cannot connect
  ~RawHttp();
  RawHttp(const RawHttp&) = delete;
  RawHttp& operator=(const RawHttp&) = delete;

  int fd() const { return fd_; }
  bool send_all(const std::string& data);
  // What has arrived within `timeout` (until the server closes, or `until` is in it).
  std::string receive(std::chrono::milliseconds timeout, const std::string& until = "");

  // Sends `head`, then `chunk` again and again (as one chunked-body chunk each) up
  // to `max_bytes` in all, reading whatever the server answers meanwhile. Stops when
  // the server has answered and closed, or refuses more. Returns the bytes sent.
  std::size_t stream_body(const std::string& head, const std::string& chunk, std::size_t max_bytes,
                          std::string& answer, std::chrono::seconds timeout);

 private:
  int fd_ = -1;
};

// The status code of an HTTP answer's first line (0 if there is none).
int status_of(const std::string& answer);

}  // namespace reelflow::testing
