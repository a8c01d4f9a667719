#pragma once
// A confined child's request (or a warm spare's narrowing) as an in-memory
// file: a cold child reads it as its stdin, a warm spare gets it down its
// socket. Writing it can neither block nor raise SIGPIPE however early the
// child dies, and the secrets in it (the graph's environment variables) never
// appear in argv.
#include "sandbox/confined_protocol.hpp"
#include "sandbox/unique_fd.hpp"

#include <string>

namespace reelflow::framework::sandbox {

// Rewound to its start; throws std::runtime_error.
UniqueFd json_file(const nlohmann::json& document);
inline UniqueFd request_file(const ConfinedRequest& request) { return json_file(request_to_json(request)); }

// The whole content of a file descriptor from where it stands; throws std::runtime_error.
std::string read_all(int fd);

}  // namespace reelflow::framework::sandbox
