#include "bounded_socket_stream.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace reelflow::service {
namespace {

using namespace std::chrono;

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    ::inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

}  // namespace

BoundedSocketStream::BoundedSocketStream(socket_t sock, microseconds read_timeout, microseconds write_timeout)
    : sock_(sock), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

bool BoundedSocketStream::poll_for(short events, microseconds timeout) const {
  pollfd p{sock_, events, 0};
  int r;
  do {
    r = ::poll(&p, 1, static_cast<int>(duration_cast<milliseconds>(timeout).count()));
  } while (r < 0 && errno == EINTR);
  return r > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
}

bool BoundedSocketStream::wait_for_request(milliseconds timeout, const std::function<bool()>& stop) const {
  if (buffered_from_ < buffered_to_) return true;
  for (auto left = timeout; left.count() > 0 && !stop(); left -= milliseconds(100)) {
    if (poll_for(POLLIN, std::min(left, milliseconds(100)))) {
      char byte;
      return ::recv(sock_, &byte, 1, MSG_PEEK) > 0;  // 0: the client closed it
    }
  }
  return false;
}

void BoundedSocketStream::drain(std::size_t max_bytes, milliseconds timeout) {
  const auto until = steady_clock::now() + timeout;
  std::array<char, 16384> scratch;
  while (max_bytes > 0) {
    const auto left = duration_cast<microseconds>(until - steady_clock::now());
    if (left.count() <= 0 || !poll_for(POLLIN, left)) return;
    const ssize_t n = ::recv(sock_, scratch.data(), std::min(scratch.size(), max_bytes), 0);
    if (n <= 0) return;
    max_bytes -= static_cast<std::size_t>(n);
  }
}

bool BoundedSocketStream::is_readable() const {
  return buffered_from_ < buffered_to_ || poll_for(POLLIN, read_timeout_);
}

bool BoundedSocketStream::is_writable() const {
  if (!poll_for(POLLOUT, write_timeout_)) return false;
  // Still connected? A readable socket that peeks 0 bytes was closed by the client.
  if (!poll_for(POLLIN, microseconds(0))) return true;
  char byte;
  return ::recv(sock_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

ssize_t BoundedSocketStream::read(char* ptr, size_t size) {
  if (budget_ == 0) {  // this request has read all it may
    exhausted_ = size > 0;
    return -1;
  }
  size = std::min(size, budget_);
  if (buffered_from_ == buffered_to_) {
    if (!poll_for(POLLIN, read_timeout_)) return -1;
    ssize_t n;
    do {
      n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return n;
    buffered_from_ = 0;
    buffered_to_ = static_cast<std::size_t>(n);
  }
  const std::size_t n = std::min(size, buffered_to_ - buffered_from_);
  std::memcpy(ptr, buffer_.data() + buffered_from_, n);
  buffered_from_ += n;
  budget_ -= n;
  return static_cast<ssize_t>(n);
}

ssize_t BoundedSocketStream::write(const char* ptr, size_t size) {
  if (!poll_for(POLLOUT, write_timeout_)) return -1;
  ssize_t n;
  do {
    n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n;
}

void BoundedSocketStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
}

void BoundedSocketStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
}

}  // namespace reelflow::service
