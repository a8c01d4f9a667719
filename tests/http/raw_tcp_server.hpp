#pragma once
// A bare TCP server on 127.0.0.1 for the misbehaving servers cpp-httplib cannot
// play: one that drops the connection, truncates a body or stalls. Connections are
// served one after another on the server's thread: the request head is read, then
// the handler gets the socket and the connection's index (0, 1, ...).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace reelflow::testing {

// Closes a file descriptor when it goes out of scope.
class SocketFd {
 public:
  explicit SocketFd(int fd = -1) : fd_(fd) {}
  ~SocketFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  SocketFd(const SocketFd&) = delete;
  SocketFd& operator=(const SocketFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class RawTcpServer {
 public:
  using Handler = std::function<void(RawTcpServer& server, int fd, int index)>;

  explicit RawTcpServer(Handler handler) : handler_(std::move(handler)), listener_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (listener_.get() < 0) throw std::runtime_error("socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(listener_.get(), reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(listener_.get(), 8) != 0 ||
        ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }

  ~RawTcpServer() {
    stopping_ = true;
    thread_.join();
  }

  RawTcpServer(const RawTcpServer&) = delete;
  RawTcpServer& operator=(const RawTcpServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int connections() const { return connections_; }
  std::vector<std::string> request_heads() const {
    std::lock_guard lock(mutex_);
    return heads_;
  }

  static void send_all(int fd, std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Keeps the connection open, sending nothing, until the client gives up or the server stops.
  void hold_open(int fd) const {
    char buffer[4096];
    while (!stopping_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) > 0 && ::recv(fd, buffer, sizeof(buffer), 0) <= 0) return;
    }
  }

 private:
  void serve() {
    while (!stopping_) {
      pollfd p{listener_.get(), POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      SocketFd client(::accept(listener_.get(), nullptr, nullptr));
      if (client.get() < 0) continue;
      std::string head = read_head(client.get());
      {
        std::lock_guard lock(mutex_);
        heads_.push_back(head);
      }
      handler_(*this, client.get(), connections_++);
    }
  }

  // Reads up to the blank line that ends the request head (bodies are not read).
  std::string read_head(int fd) const {
    std::string head;
    char c;
    while (!stopping_ && head.find("\r\n\r\n") == std::string::npos) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      if (::recv(fd, &c, 1, 0) <= 0) break;
      head += c;
    }
    return head;
  }

  Handler handler_;
  SocketFd listener_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> heads_;
  std::thread thread_;
};

// A loopback port with nothing listening on it (connection refused).
inline int unused_loopback_port() {
  SocketFd fd(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("cannot bind 127.0.0.1");
  return ntohs(addr.sin_port);
}

}  // namespace reelflow::testing
