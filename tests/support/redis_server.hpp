#pragma once
// A real redis-server (Debian's), started by a test on a free loopback port with its
// files in a temp dir and nothing persisted; killed by the destructor.
#include "subprocess.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace reelflow::testing {

class RedisServer {
 public:
  // Throws std::runtime_error (with the server's output) when it does not come up.
  explicit RedisServer(const std::filesystem::path& dir);

  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

 private:
  int port_ = 0;
  std::unique_ptr<Subprocess> process_;
};

}  // namespace reelflow::testing
