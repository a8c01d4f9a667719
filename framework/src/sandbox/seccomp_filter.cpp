#include "sandbox/seccomp_filter.hpp"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>

namespace reelflow::framework::sandbox {
namespace {

#if defined(__x86_64__)
constexpr std::uint32_t kNativeArch = AUDIT_ARCH_X86_64;
constexpr std::uint32_t kX32SyscallBit = 0x40000000;
#elif defined(__aarch64__)
constexpr std::uint32_t kNativeArch = AUDIT_ARCH_AARCH64;
constexpr std::uint32_t kX32SyscallBit = 0;
#else
#error "seccomp_filter.cpp: add this architecture's AUDIT_ARCH_* value"
#endif

#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#endif

constexpr std::uint32_t kAllow = SECCOMP_RET_ALLOW;
constexpr std::uint32_t fail_with(int err) { return SECCOMP_RET_ERRNO | (static_cast<std::uint32_t>(err) & SECCOMP_RET_DATA); }

sock_filter load(std::uint32_t offset) { return BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offset); }
sock_filter ret(std::uint32_t value) { return BPF_STMT(BPF_RET | BPF_K, value); }
// Skips the next `skip` instructions when the accumulator equals `value`.
sock_filter skip_if_equal(std::uint32_t value, std::uint8_t skip) { return BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, value, skip, 0); }
sock_filter skip_unless_equal(std::uint32_t value, std::uint8_t skip) { return BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, value, 0, skip); }

}  // namespace

SeccompFilter::SeccompFilter(bool allow_inet) {
  // The low 32 bits of argument 0 (the domain; an int) on a little-endian machine.
  const auto arg0 = static_cast<std::uint32_t>(offsetof(seccomp_data, args));
  code_ = {
      load(offsetof(seccomp_data, arch)),
      skip_if_equal(kNativeArch, 1),
      ret(fail_with(ENOSYS)),
      load(offsetof(seccomp_data, nr)),
  };
  if (kX32SyscallBit != 0) {
    code_.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, kX32SyscallBit, 0, 1));
    code_.push_back(ret(fail_with(ENOSYS)));
  }
  const sock_filter syscalls[] = {
      skip_unless_equal(SYS_io_uring_setup, 1),
      ret(fail_with(ENOSYS)),
      skip_if_equal(SYS_socket, 1),
      ret(kAllow),
      load(arg0),
      skip_unless_equal(AF_UNIX, 1),
      ret(fail_with(EACCES)),
  };
  for (const sock_filter& instruction : syscalls) code_.push_back(instruction);
  if (!allow_inet) {
    const sock_filter inet[] = {
        skip_unless_equal(AF_INET, 1),
        ret(fail_with(EACCES)),
        skip_unless_equal(AF_INET6, 1),
        ret(fail_with(EACCES)),
    };
    for (const sock_filter& instruction : inet) code_.push_back(instruction);
  }
  code_.push_back(ret(kAllow));
  program_.len = static_cast<unsigned short>(code_.size());
  program_.filter = code_.data();
}

int seccomp_install_in_child(const sock_fprog* program) {
  return ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, program) == 0 ? 0 : errno;
}

}  // namespace reelflow::framework::sandbox
