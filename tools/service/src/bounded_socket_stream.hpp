#pragma once
// One client connection as cpp-httplib's Stream, with a read budget per request.
// cpp-httplib 0.11.4 reads a header line, a chunk-size line or a chunked body for as
// long as the client sends one; here a request may make the server read only its
// budget (enough for its head, raised for a body once the route accepts one), after
// which reads fail and the request ends. Reads are buffered per connection, not per
// request, so bytes of the next request are never dropped.
#include <httplib.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>

namespace reelflow::service {

class BoundedSocketStream final : public httplib::Stream {
 public:
  BoundedSocketStream(socket_t sock, std::chrono::microseconds read_timeout, std::chrono::microseconds write_timeout);

  // A new request may make the server read `budget` bytes.
  void start_request(std::size_t budget) { budget_ = budget; }
  void allow_more(std::size_t bytes) { budget_ += bytes; }
  // Whether a read was refused for the budget: what follows is not a request to parse.
  bool exhausted() const { return exhausted_; }
  // Waits up to `timeout` for the next request's first byte; false on timeout, a
  // closed connection, or when `stop()` says so (checked every 100 ms).
  bool wait_for_request(std::chrono::milliseconds timeout, const std::function<bool()>& stop) const;
  // Reads and drops what the client still sends (at most `max_bytes`, for at most
  // `timeout`), so that closing does not reset a connection whose answer is unread.
  void drain(std::size_t max_bytes, std::chrono::milliseconds timeout);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

 private:
  bool poll_for(short events, std::chrono::microseconds timeout) const;

  socket_t sock_;
  std::chrono::microseconds read_timeout_;
  std::chrono::microseconds write_timeout_;
  std::size_t budget_ = 0;
  bool exhausted_ = false;
  std::array<char, 4096> buffer_{};
  std::size_t buffered_from_ = 0;
  std::size_t buffered_to_ = 0;
};

}  // namespace reelflow::service
