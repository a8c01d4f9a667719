// Stage types that probe a confined run's sandbox (tests/core/confined_run_test.cpp):
// each tries something the sandbox may forbid and reports what happened.
#include <reelflow/reelflow.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <string>
#include <thread>

namespace {

using namespace reelflow;

std::string errno_text() { return std::strerror(errno); }

// Dies of a signal, as a stage with a memory error would.
class CrashProbe final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Kills its process with a signal (SIGSEGV by default)");
    spec.input("in", types::text, "waited for, then ignored").optional();
    spec.output("text", types::text, "never set");
    spec.param("signal", 11, "the signal").range(1, 64);
    spec.not_cacheable();
  }
  Status process(StageContext& ctx) override {
    const int sig = static_cast<int>(ctx.params().integer("signal"));
    std::signal(sig, SIG_DFL);  // a sanitizer's handler would turn the signal into an exit
    std::raise(sig);
    return Status::error("still alive after signal " + std::to_string(sig));
  }
};

// Reads, writes or links a path; fails with the reason when it cannot.
class FsProbe final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Reads a file, writes one, or makes a symlink, and reports the outcome");
    spec.output("text", types::text, "read: the content (NULs as newlines); write, symlink: what was done");
    spec.required_param("path", ParamType::String, "the file (relative: under the output dir)");
    spec.param("mode", "read", "what to do").one_of({"read", "write", "symlink"});
    spec.param("bytes", 5, "write: how many bytes").range(0, 1 << 30);
    spec.param("target", "/etc/passwd", "symlink: where the link points");
    spec.not_cacheable();
  }
  Status process(StageContext& ctx) override {
    const auto& p = ctx.params();
    const std::string path = (ctx.output_dir() / p.str("path")).string();  // a relative path is under the output dir
    const std::string mode = p.str("mode");
    if (mode == "symlink") {
      if (::symlink(p.str("target").c_str(), path.c_str()) != 0) return Status::error("cannot symlink " + path + ": " + errno_text());
      ctx.set_output("text", Text{"linked"});
      return Status::ok();
    }
    const bool read = mode == "read";
    const int fd = ::open(path.c_str(), read ? O_RDONLY | O_CLOEXEC : O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Status::error("cannot " + mode + " " + path + ": " + errno_text());
    std::string text;
    bool ok = true;
    if (read) {
      char buffer[4096];
      for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
      for (char& c : text) c = c == '\0' ? '\n' : c;
    } else {
      const std::string chunk(64 * 1024, 'x');
      for (long long left = p.integer("bytes"); ok && left > 0;) {
        const ssize_t n = ::write(fd, chunk.data(), static_cast<std::size_t>(std::min<long long>(left, chunk.size())));
        ok = n > 0;
        left -= n;
      }
      text = "wrote " + std::to_string(p.integer("bytes")) + " bytes";
    }
    const std::string why = errno_text();
    ::close(fd);
    if (!ok) return Status::error("cannot " + mode + " " + path + ": " + why);
    ctx.set_output("text", Text{text});
    return Status::ok();
  }
};

// Tries a TCP connection, a UDP socket and a unix socket connection; reports the outcomes.
class NetProbe final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Connects to a TCP port, opens a UDP socket, and may connect to a unix socket");
    spec.output("text", types::text, "\"tcp: <connected|error>; udp: <opened|error>[; unix: ...]\"");
    spec.param("host", "127.0.0.1", "IPv4 address");
    spec.required_param("port", ParamType::Int, "TCP port");
    spec.param("unix_path", "", "also connect to this unix socket (\"; unix: <connected|error>\")");
    spec.param("network", "declared", "whether the stage declares that it uses the network")
        .one_of({"declared", "undeclared"});
    spec.uses_network_when("network", {"declared"});
    spec.not_cacheable();
  }
  Status process(StageContext& ctx) override {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(ctx.params().integer("port")));
    ::inet_pton(AF_INET, ctx.params().str("host").c_str(), &address.sin_addr);
    std::string tcp = "connected";
    const int t = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (t < 0) tcp = errno_text();
    else if (::connect(t, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) tcp = errno_text();
    if (t >= 0) ::close(t);
    std::string udp = "opened";
    const int u = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (u < 0) udp = errno_text();
    else ::close(u);
    std::string text = "tcp: " + tcp + "; udp: " + udp;
    if (const std::string path = ctx.params().str("unix_path"); !path.empty()) {
      sockaddr_un unix_address{};
      unix_address.sun_family = AF_UNIX;
      path.copy(unix_address.sun_path, sizeof unix_address.sun_path - 1);
      std::string unix_result = "connected";
      const int s = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (s < 0) unix_result = errno_text();
      else if (::connect(s, reinterpret_cast<const sockaddr*>(&unix_address), sizeof unix_address) != 0) unix_result = errno_text();
      if (s >= 0) ::close(s);
      text += "; unix: " + unix_result;
    }
    ctx.set_output("text", Text{text});
    return Status::ok();
  }
};

// Says which process it runs in (a progress message), optionally starts a
// process of its own that ignores SIGTERM, then waits until cancelled.
class PidProbe final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Reports its pid and process group, then waits");
    spec.output("text", types::text, "\"pid <n>\"");
    spec.param("ms", 60000, "how long to wait").range(0, 600000);
    spec.param("spawn", false, "also start a process that ignores SIGTERM and sleeps");
    spec.param("ignore_cancel", false, "wait the whole time even when the run is cancelled");
    spec.not_cacheable();
  }
  Status process(StageContext& ctx) override {
    std::string spawned = "0";
    if (ctx.params().flag("spawn")) {
      const pid_t child = ::fork();
      if (child == 0) {
        std::signal(SIGTERM, SIG_IGN);
        for (;;) ::pause();
      }
      spawned = std::to_string(child);
    }
    ctx.progress(0.0, "pid=" + std::to_string(::getpid()) + " pgid=" + std::to_string(::getpgrp()) +
                          " spawned=" + spawned);
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ctx.params().integer("ms"));
    while (std::chrono::steady_clock::now() < until) {
      if (ctx.cancelled() && !ctx.params().flag("ignore_cancel")) return Status::error("cancelled");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ctx.set_output("text", Text{"pid " + std::to_string(::getpid())});
    return Status::ok();
  }
};

// Sends a signal (0 by default: only checks that it could) to a process.
class SignalProbe final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Sends a signal to a process and reports whether it could");
    spec.output("text", types::text, "\"sent\" or the error");
    spec.required_param("pid", ParamType::Int, "the process");
    spec.param("signal", 0, "the signal (0: none, only the permission check)").range(0, 64);
    spec.not_cacheable();
  }
  Status process(StageContext& ctx) override {
    const auto pid = static_cast<pid_t>(ctx.params().integer("pid"));
    const bool sent = ::kill(pid, static_cast<int>(ctx.params().integer("signal"))) == 0;
    ctx.set_output("text", Text{sent ? "sent" : errno_text()});
    return Status::ok();
  }
};

// Reports the environment its process gives the programs it starts (environ,
// which setenv() changes; /proc/self/environ shows the one it was started with).
class EnvProbe final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Reports its process's environment");
    spec.output("text", types::text, "one NAME=value a line");
    spec.not_cacheable();
  }
  Status process(StageContext& ctx) override {
    std::string text;
    for (char** entry = environ; entry && *entry; ++entry) text += std::string(*entry) + "\n";
    ctx.set_output("text", Text{text});
    return Status::ok();
  }
};

}  // namespace

REELFLOW_PLUGIN("sandbox_probes", "1.0.0", "Stage types that probe a confined run's sandbox (tests)") {
  registrar.add<CrashProbe>("crash_probe");
  registrar.add<EnvProbe>("env_probe");
  registrar.add<FsProbe>("fs_probe");
  registrar.add<NetProbe>("net_probe");
  registrar.add<PidProbe>("pid_probe");
  registrar.add<SignalProbe>("signal_probe");
}
