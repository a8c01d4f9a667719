#include "sandbox/job_handover.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace reelflow::framework::sandbox {
namespace {

constexpr std::size_t kMaxFds = 16;
constexpr char kJobTag = 'J';

std::runtime_error system_error(const std::string& what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

}  // namespace

std::pair<UniqueFd, UniqueFd> job_socket_pair() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0) throw system_error("cannot make a socket pair");
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

bool send_job(int socket, int narrowing_fd, int request_fd, int ruleset_fd, const std::vector<int>& kept_fds) {
  std::vector<int> fds{narrowing_fd, request_fd, ruleset_fd};
  fds.insert(fds.end(), kept_fds.begin(), kept_fds.end());
  if (fds.size() > kMaxFds) throw std::runtime_error("too many descriptors for a spare");
  char tag = kJobTag;
  iovec payload{&tag, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)]{};
  msghdr message{};
  message.msg_iov = &payload;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
  cmsghdr* header = CMSG_FIRSTHDR(&message);
  header->cmsg_level = SOL_SOCKET;
  header->cmsg_type = SCM_RIGHTS;
  header->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
  std::memcpy(CMSG_DATA(header), fds.data(), sizeof(int) * fds.size());
  for (;;) {
    if (::sendmsg(socket, &message, MSG_NOSIGNAL) == 1) return true;
    if (errno == EINTR) continue;
    if (errno == EPIPE || errno == ECONNRESET || errno == ECONNREFUSED) return false;
    throw system_error("cannot hand the job to the spare");
  }
}

std::optional<HandedJob> receive_job(int socket) {
  char tag = 0;
  iovec payload{&tag, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)]{};
  msghdr message{};
  message.msg_iov = &payload;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  ssize_t got;
  do got = ::recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
  while (got < 0 && errno == EINTR);
  if (got < 0) throw system_error("cannot receive the job");
  std::vector<UniqueFd> fds;
  for (cmsghdr* h = CMSG_FIRSTHDR(&message); h; h = CMSG_NXTHDR(&message, h)) {
    if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS) continue;
    const std::size_t n = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < n; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(h) + i * sizeof(int), sizeof fd);
      fds.emplace_back(fd);
    }
  }
  if (got == 0 && fds.empty()) return std::nullopt;  // the parent closed its end
  if (got != 1 || tag != kJobTag || (message.msg_flags & MSG_CTRUNC) || fds.size() < 3)
    throw std::runtime_error("the job message from the parent is malformed");
  HandedJob job;
  job.narrowing = std::move(fds[0]);
  job.request = std::move(fds[1]);
  job.ruleset = std::move(fds[2]);
  for (std::size_t i = 3; i < fds.size(); ++i) job.kept.push_back(std::move(fds[i]));
  return job;
}

}  // namespace reelflow::framework::sandbox
