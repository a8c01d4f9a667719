#include "cache/file_digest.hpp"

#include "cache/sha256.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <tuple>
#include <vector>

namespace reelflow::framework {
namespace {

struct FileVersion {
  std::string path;
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  std::int64_t mtime_ns = 0;

  bool operator<(const FileVersion& o) const {
    return std::tie(path, device, inode, size, mtime_ns) < std::tie(o.path, o.device, o.inode, o.size, o.mtime_ns);
  }
  bool operator==(const FileVersion& o) const = default;
};

FileVersion version_of(const std::string& path, const struct stat& st) {
  return {path, st.st_dev, st.st_ino, st.st_size,
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

bool recently_modified(const struct stat& st) {
  const auto modified = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::seconds(st.st_mtim.tv_sec) +
                                                                      std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  return std::chrono::system_clock::now() - modified < std::chrono::seconds(2);
}

class DigestMemo {
 public:
  std::optional<std::string> find(const FileVersion& v) {
    std::lock_guard lock(mutex_);
    auto it = digests_.find(v);
    if (it == digests_.end()) return std::nullopt;
    return it->second;
  }
  void add(const FileVersion& v, const std::string& digest) {
    std::lock_guard lock(mutex_);
    if (digests_.size() >= kMaxEntries) digests_.clear();  // a long-lived process must not grow without bound
    digests_[v] = digest;
  }

 private:
  static constexpr std::size_t kMaxEntries = 8192;
  std::mutex mutex_;
  std::map<FileVersion, std::string> digests_;
};

DigestMemo& memo() {
  static DigestMemo instance;
  return instance;
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::optional<std::string> file_sha256(const std::filesystem::path& path) {
  const std::string name = path.string();
  if (name.empty()) return std::nullopt;
  struct stat before {};
  if (::stat(name.c_str(), &before) != 0 || !S_ISREG(before.st_mode)) return std::nullopt;
  const FileVersion version = version_of(name, before);
  if (auto known = memo().find(version)) return known;

  Fd fd(::open(name.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return std::nullopt;
  Sha256 sha;
  std::vector<char> buffer(1 << 20);
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::nullopt;
    if (got == 0) break;
    sha.update(buffer.data(), static_cast<std::size_t>(got));
  }
  std::string digest = sha.hex_digest();
  // Remember it only if the file did not change while it was read, and was not
  // modified just now: file times have a coarse clock (milliseconds), so a file
  // rewritten with the same size right after it was hashed could keep its time.
  struct stat after {};
  if (::fstat(fd.get(), &after) == 0 && version_of(name, after) == version && !recently_modified(after))
    memo().add(version, digest);
  return digest;
}

}  // namespace reelflow::framework
