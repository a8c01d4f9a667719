#pragma once
// Handing a job to a warm spare: one message on the socket that is the spare's
// stdin, carrying descriptors only: the narrowing and the request files
// (request_file.hpp), the job's Landlock ruleset, and the procfs files that
// ruleset names (the spare keeps them open so the rules stay on their inodes).
#include "sandbox/unique_fd.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace reelflow::framework::sandbox {

struct HandedJob {
  UniqueFd narrowing;  // read before the spare narrows
  UniqueFd request;    // read after
  UniqueFd ruleset;
  std::vector<UniqueFd> kept;
};

// A connected pair of unix sockets (socketpair(): allowed in the sandbox),
// closed on exec: the parent's end, then the spare's.
std::pair<UniqueFd, UniqueFd> job_socket_pair();

// Parent side. False when the spare is gone (its end is closed); throws
// std::runtime_error on any other failure.
bool send_job(int socket, int narrowing_fd, int request_fd, int ruleset_fd, const std::vector<int>& kept_fds);

// Spare side: blocks until the job comes; nullopt when the parent closed the
// socket without sending one. Throws std::runtime_error.
std::optional<HandedJob> receive_job(int socket);

}  // namespace reelflow::framework::sandbox
