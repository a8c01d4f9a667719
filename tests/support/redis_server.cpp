#include "redis_server.hpp"

#include "loopback_port.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace reelflow::testing {

RedisServer::RedisServer(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  // Another process may take the free port between the pick and the bind: try again.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_loopback_port();
    process_ = std::make_unique<Subprocess>(
        std::vector<std::string>{"/usr/bin/redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no", "--dir", dir.string(), "--daemonize", "no",
                                 "--protected-mode", "yes"},
        dir / "log");
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
      if (loopback_accepts(port_)) return;
      if (process_->wait(std::chrono::seconds(0))) break;  // exited: port taken?
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  throw std::runtime_error("redis-server did not start: " + process_->out() + process_->err());
}

}  // namespace reelflow::testing
