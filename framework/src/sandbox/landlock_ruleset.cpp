#include "sandbox/landlock_ruleset.hpp"

#include "sandbox/landlock_api.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace reelflow::framework::sandbox {
namespace {

constexpr std::uint64_t kRead = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
// No EXECUTE (what a job writes, it cannot run) and no device nodes.
constexpr std::uint64_t kWrite = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                                 LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_DIR |
                                 LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
                                 LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_SYM |
                                 LANDLOCK_ACCESS_FS_REFER | LANDLOCK_ACCESS_FS_TRUNCATE;

std::string errno_text(int err) { return std::strerror(err); }

}  // namespace

LandlockRuleset::LandlockRuleset(int abi, bool allow_tcp_connect) : abi_(abi), handled_fs_(landlock::fs_access_of_abi(abi)) {
  if (abi < 1) throw std::runtime_error("the kernel has no Landlock");
  landlock::RulesetAttr attr;
  attr.handled_access_fs = handled_fs_;
  std::size_t size = sizeof attr.handled_access_fs;
  if (abi >= 4) {
    attr.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP | (allow_tcp_connect ? 0 : LANDLOCK_ACCESS_NET_CONNECT_TCP);
    size = sizeof attr.handled_access_fs + sizeof attr.handled_access_net;
  }
  if (abi >= 6) {
    attr.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | LANDLOCK_SCOPE_SIGNAL;
    size = sizeof attr;
  }
  const long fd = landlock::create_ruleset(&attr, size, 0);
  if (fd < 0) throw std::runtime_error("cannot create a Landlock ruleset: " + errno_text(errno));
  fd_.reset(static_cast<int>(fd));
}

std::uint64_t LandlockRuleset::rights(PathAccess access, bool directory) const {
  std::uint64_t r = 0;
  switch (access) {
    case PathAccess::Read: r = kRead; break;
    case PathAccess::ReadExecute: r = kRead | LANDLOCK_ACCESS_FS_EXECUTE; break;
    case PathAccess::ReadWrite: r = kRead | kWrite; break;
    case PathAccess::Device:
      r = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |
          LANDLOCK_ACCESS_FS_IOCTL_DEV;
      break;
  }
  r &= handled_fs_;
  return directory ? r : r & landlock::kFileAccess;
}

UniqueFd LandlockRuleset::allow_and_keep(const PathRule& rule) {
  UniqueFd path(::open(rule.path.c_str(), O_PATH | O_CLOEXEC));
  if (!path) {
    if (errno == ENOENT || errno == ENOTDIR) return {};
    throw std::runtime_error("cannot open " + rule.path.string() + " for the sandbox: " + errno_text(errno));
  }
  struct stat st {};
  if (::fstat(path.get(), &st) != 0)
    throw std::runtime_error("cannot stat " + rule.path.string() + " for the sandbox: " + errno_text(errno));
  landlock::PathBeneathAttr attr;
  attr.allowed_access = rights(rule.access, S_ISDIR(st.st_mode));
  attr.parent_fd = path.get();
  if (attr.allowed_access != 0 && landlock::add_rule(fd(), landlock::kRulePathBeneath, &attr) != 0)
    throw std::runtime_error("cannot allow " + rule.path.string() + " in the sandbox: " + errno_text(errno));
  return path;
}

void LandlockRuleset::allow(const PathRule& rule) { allow_and_keep(rule); }

int landlock_allow_in_child(int ruleset_fd, int dir_fd, std::uint64_t rights) {
  landlock::PathBeneathAttr attr;
  attr.allowed_access = rights;
  attr.parent_fd = dir_fd;
  return landlock::add_rule(ruleset_fd, landlock::kRulePathBeneath, &attr) == 0 ? 0 : errno;
}

int landlock_restrict_in_child(int ruleset_fd) { return landlock::restrict_self(ruleset_fd) == 0 ? 0 : errno; }

}  // namespace reelflow::framework::sandbox
