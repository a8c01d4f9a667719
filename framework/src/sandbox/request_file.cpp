#include "sandbox/request_file.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace reelflow::framework::sandbox {
namespace {

std::runtime_error system_error(const std::string& what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

}  // namespace

UniqueFd json_file(const nlohmann::json& document) {
  UniqueFd fd(::memfd_create("reelflow-request", MFD_CLOEXEC));
  if (!fd) throw system_error("cannot make the request file");
  const std::string text = document.dump();
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd.get(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw system_error("cannot write the request file");
    done += static_cast<std::size_t>(n);
  }
  if (::lseek(fd.get(), 0, SEEK_SET) != 0) throw system_error("cannot rewind the request file");
  return fd;
}

std::string read_all(int fd) {
  std::string text;
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw system_error("cannot read the request");
    if (n == 0) return text;
    text.append(chunk, static_cast<std::size_t>(n));
  }
}

}  // namespace reelflow::framework::sandbox
