#include "confined_children.hpp"

#include <signal.h>
#include <sys/syscall.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

namespace reelflow::testing {

namespace fs = std::filesystem;

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

std::string read_file_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<pid_t> sandbox_children() {
  std::vector<pid_t> found;
  for (const auto& task : fs::directory_iterator("/proc/self/task")) {
    std::ifstream children(task.path() / "children");
    for (pid_t pid; children >> pid;)
      if (read_file_text("/proc/" + std::to_string(pid) + "/cmdline").find("sandbox-child") != std::string::npos)
        found.push_back(pid);
  }
  return found;
}

// Whether `pid`'s main thread is in the recvmsg() system call.
bool receiving(pid_t pid) {
  const std::string call = read_file_text("/proc/" + std::to_string(pid) + "/syscall");
  return call.rfind(std::to_string(SYS_recvmsg) + " ", 0) == 0;
}

std::optional<pid_t> wait_for_spare() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    if (const auto children = sandbox_children(); children.size() == 1 && receiving(children.front()))
      return children.front();
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace reelflow::testing
