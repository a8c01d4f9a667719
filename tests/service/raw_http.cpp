#include "raw_http.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace reelflow::testing {

using namespace std::chrono;

RawHttp::RawHttp(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
}

RawHttp::~RawHttp() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawHttp::send_all(const std::string& data) {
  for (std::size_t sent = 0; sent < data.size();) {
    const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string RawHttp::receive(milliseconds timeout, const std::string& until) {
  std::string got;
  const auto deadline = steady_clock::now() + timeout;
  char buf[16384];
  while (until.empty() || got.find(until) == std::string::npos) {
    const auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
    pollfd p{fd_, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  return got;
}

std::size_t RawHttp::stream_body(const std::string& head, const std::string& chunk, std::size_t max_bytes,
                                 std::string& answer, seconds timeout) {
  if (!send_all(head)) return 0;
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  const std::string framed = size + chunk + "\r\n";
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  std::size_t sent = 0, offset = 0;
  const auto deadline = steady_clock::now() + timeout;
  char buf[16384];
  while (steady_clock::now() < deadline) {
    pollfd p{fd_, static_cast<short>(POLLIN | (sent < max_bytes ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, 100) < 0) break;
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;  // the server closed the connection
      answer.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (p.revents & POLLOUT) {
      const ssize_t n = ::send(fd_, framed.data() + offset, framed.size() - offset, MSG_NOSIGNAL);
      if (n < 0 && errno != EAGAIN) break;  // the server will not read more
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
        offset = (offset + static_cast<std::size_t>(n)) % framed.size();
      }
    }
  }
  return sent;
}

int status_of(const std::string& answer) {
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::atoi(answer.substr(9, 3).c_str());
}

}  // namespace reelflow::testing
