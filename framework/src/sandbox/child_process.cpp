#include "sandbox/child_process.hpp"

#include "sandbox/landlock_ruleset.hpp"
#include "sandbox/seccomp_filter.hpp"

#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

namespace reelflow::framework::sandbox {
namespace {

// The child's steps, in order; a failing one is reported to the parent by number.
enum Step : int {
  kSignals,
  kProcessGroup,
  kDeathSignal,
  kParentGone,
  kStdio,
  kLimits,
  kCapabilities,
  kNoNewPrivs,
  kOwnProc,
  kLandlock,
  kSeccomp,
  kDescriptors,
  kExec,
};
const char* const kStepNames[] = {
    "resetting signals", "setpgid",    "prctl(PR_SET_PDEATHSIG)", "the parent exited", "dup2",
    "setrlimit",         "dropping capabilities", "prctl(PR_SET_NO_NEW_PRIVS)", "open /proc/self",
    "Landlock",          "seccomp",    "closing descriptors", "execve",
};

struct Failure {
  int step = 0;
  int error = 0;
};

// Everything the child touches, made before fork(): it may not allocate.
struct Prepared {
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::vector<int> keep;  // descriptors that survive exec; two slots left for the child's own
  struct sigaction default_action {};
  sigset_t no_signals{};
};

[[noreturn]] void fail(int report_fd, int step, int error) {
  const Failure failure{step, error};
  const ssize_t written = ::write(report_fd, &failure, sizeof failure);
  (void)written;  // nothing more can be done about a lost report; the parent sees the exit
  ::_exit(127);
}

void sort_small(std::vector<int>& v) {  // insertion sort: no allocation after fork()
  for (std::size_t i = 1; i < v.size(); ++i)
    for (std::size_t j = i; j > 0 && v[j - 1] > v[j]; --j) std::swap(v[j - 1], v[j]);
}

int drop_capabilities() {
  // An empty bounding set: even a root child gets no capability back at exec,
  // so it cannot raise its limits, mount, or override file permissions.
  for (int cap = 0; cap < 64; ++cap)
    if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno == EINVAL) break;  // past the last; EPERM: none to drop
  ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  return ::syscall(SYS_capset, &header, data) == 0 ? 0 : errno;
}

// Runs between fork() and exec(): async-signal-safe calls only.
[[noreturn]] void become_child(const ChildSpec& spec, Prepared& p, int report_fd, pid_t parent) {
  for (int sig = 1; sig < NSIG; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &p.default_action, nullptr);  // EINVAL for reserved ones
  if (::sigprocmask(SIG_SETMASK, &p.no_signals, nullptr) != 0) fail(report_fd, kSignals, errno);
  if (::setpgid(0, 0) != 0) fail(report_fd, kProcessGroup, errno);
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail(report_fd, kDeathSignal, errno);
  if (::getppid() != parent) fail(report_fd, kParentGone, ESRCH);
  if (::dup2(spec.stdin_fd, 0) < 0 || ::dup2(spec.stdout_fd, 1) < 0 || ::dup2(spec.stderr_fd, 2) < 0)
    fail(report_fd, kStdio, errno);
  for (const auto& limit : spec.limits)
    if (::setrlimit(static_cast<__rlimit_resource_t>(limit.resource), &limit.value) != 0) fail(report_fd, kLimits, errno);
  if (int err = drop_capabilities(); err != 0) fail(report_fd, kCapabilities, err);
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail(report_fd, kNoNewPrivs, errno);
  int own_proc = -1;
  if (spec.landlock_ruleset_fd >= 0) {
    // Only after fork() is /proc/self this child (the worker's /proc/<pid> holds its secrets).
    own_proc = ::open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (own_proc < 0) fail(report_fd, kOwnProc, errno);
    if (int err = landlock_allow_in_child(spec.landlock_ruleset_fd, own_proc, spec.own_proc_rights); err != 0)
      fail(report_fd, kLandlock, err);
    if (int err = landlock_restrict_in_child(spec.landlock_ruleset_fd); err != 0) fail(report_fd, kLandlock, err);
  }
  if (spec.seccomp)
    if (int err = seccomp_install_in_child(spec.seccomp); err != 0) fail(report_fd, kSeccomp, err);

  // Kept across exec: 0-2, keep_fds and the child's own /proc dir (which pins the
  // dentry its rule is on). The report pipe stays until exec closes it.
  const std::size_t n = p.keep.size();
  p.keep[n - 2] = own_proc;
  p.keep[n - 1] = report_fd;
  for (std::size_t i = 3; i + 1 < n; ++i)
    if (p.keep[i] >= 0 && ::fcntl(p.keep[i], F_SETFD, 0) != 0) fail(report_fd, kDescriptors, errno);
  sort_small(p.keep);
  unsigned lowest_open = 0;
  for (int fd : p.keep) {
    if (fd < 0) continue;
    const auto kept = static_cast<unsigned>(fd);
    if (kept > lowest_open && ::syscall(SYS_close_range, lowest_open, kept - 1, 0) != 0)
      fail(report_fd, kDescriptors, errno);
    lowest_open = std::max(lowest_open, kept + 1);
  }
  if (::syscall(SYS_close_range, lowest_open, ~0u, 0) != 0) fail(report_fd, kDescriptors, errno);

  ::execve(spec.program.c_str(), p.argv.data(), p.envp.data());
  fail(report_fd, kExec, errno);
}

// Renumbers `fd` to 3 or above (a copy that `holder` owns), so that dup2()
// onto 0-2 in the child cannot clobber it.
void move_above_stdio(int& fd, UniqueFd& holder) {
  if (fd >= 3) return;
  holder.reset(::fcntl(fd, F_DUPFD_CLOEXEC, 3));
  if (!holder) throw std::runtime_error(std::string("cannot duplicate a descriptor: ") + std::strerror(errno));
  fd = holder.get();
}

}  // namespace

ChildProcess::ChildProcess(const ChildSpec& original) {
  ChildSpec spec = original;
  UniqueFd holders[3];
  move_above_stdio(spec.stdin_fd, holders[0]);
  move_above_stdio(spec.stdout_fd, holders[1]);
  move_above_stdio(spec.stderr_fd, holders[2]);

  Prepared p;
  for (auto& a : spec.argv) p.argv.push_back(a.data());
  p.argv.push_back(nullptr);
  for (auto& e : spec.environment) p.envp.push_back(e.data());
  p.envp.push_back(nullptr);
  p.keep = {0, 1, 2};
  p.keep.insert(p.keep.end(), spec.keep_fds.begin(), spec.keep_fds.end());
  p.keep.push_back(-1);
  p.keep.push_back(-1);
  p.default_action.sa_handler = SIG_DFL;
  sigemptyset(&p.default_action.sa_mask);
  sigemptyset(&p.no_signals);

  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
  UniqueFd report_read(report[0]);
  UniqueFd report_write(report[1]);
  UniqueFd report_holder;
  int report_fd = report_write.get();
  move_above_stdio(report_fd, report_holder);

  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("cannot fork: ") + std::strerror(errno));
  if (pid_ == 0) become_child(spec, p, report_fd, parent);

  report_write.reset();
  report_holder.reset();
  ::setpgid(pid_, pid_);  // also here, so the group exists before the parent may signal it
  pidfd_.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)));
  const int pidfd_error = errno;
  Failure failure;
  ssize_t got;
  do got = ::read(report_read.get(), &failure, sizeof failure);
  while (got < 0 && errno == EINTR);
  if (got == static_cast<ssize_t>(sizeof failure) || !pidfd_) {
    const bool step_failed = got == static_cast<ssize_t>(sizeof failure);
    wait();
    throw std::runtime_error("cannot start " + spec.program + ": " +
                             (step_failed ? kStepNames[failure.step] : "pidfd_open") + ": " +
                             std::strerror(step_failed ? failure.error : pidfd_error));
  }
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0 || status_) return;
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

void ChildProcess::signal_group(int signal) const {
  if (!status_) ::kill(-pid_, signal);
}

int ChildProcess::wait() {
  if (status_) return *status_;
  if (pidfd_) {
    pollfd exited{pidfd_.get(), POLLIN, 0};
    while (::poll(&exited, 1, -1) < 0 && errno == EINTR) {
    }
  }
  // Whatever the child started and left behind goes with it.
  ::kill(-pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  status_ = status;
  return status;
}

}  // namespace reelflow::framework::sandbox
