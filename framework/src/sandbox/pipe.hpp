#pragma once
// A pipe whose read end does not block: the parent reads a child's stdout and
// stderr through one each, a little at a time, without waiting on either.
#include "sandbox/unique_fd.hpp"

namespace reelflow::framework::sandbox {

struct Pipe {
  UniqueFd read, write;
};

// Both ends close on exec; the read end is non-blocking. Throws std::runtime_error.
Pipe make_pipe();

}  // namespace reelflow::framework::sandbox
