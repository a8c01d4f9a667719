// Runtime::start_confined: the graph runs in a child process (the built CLI's
// `sandbox-child`) under Landlock, seccomp and rlimits. Each test that shows the
// sandbox forbidding something also runs the same graph unconfined and sees it
// work, so what fails is the sandbox, not the probe stage.
#include "media_probe.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include <reelflow/runtime.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace reelflow::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Outcome {
  RunResult result;
  std::vector<Event> events;
  double wall_s = 0;

  std::vector<EventKind> kinds() const {
    std::vector<EventKind> out;
    for (const auto& e : events) out.push_back(e.kind);
    return out;
  }

  std::string text(const std::string& output) const {
    auto it = result.outputs.find(output);
    return it == result.outputs.end() ? "<no output " + output + ">" : std::get<Text>(it->second).text;
  }
};

std::size_t open_descriptors() {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator("/proc/self/fd"), fs::directory_iterator()));
}

// Whether process `pid` (or group, negative) still exists; a zombie counts.
bool exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

class ConfinedRunTest : public ::testing::Test {
 protected:
  static Confinement confinement() {
    Confinement c;
    c.child_program = REELFLOW_CLI_PATH;
    return c;
  }

  LoadedGraph load(const std::string& yaml, const std::map<std::string, std::string>& variables = {}) {
    LoadedGraph graph = runtime.load_graph_string(yaml, "g.yaml", variables);
    EXPECT_TRUE(graph.ok()) << graph.error_text();
    return graph;
  }

  RunOptions options() {
    RunOptions o;
    o.output_dir = dir.path() / ("out" + std::to_string(runs++));
    o.cache_dir = dir.path() / "cache";
    o.use_cache = false;
    return o;
  }

  // Runs the graph confined (with `c`) or, when c is nullopt, in this process.
  Outcome run(const std::string& yaml, std::optional<Confinement> c, const std::map<std::string, std::string>& variables = {},
              const std::function<void(RunHandle&, const std::vector<Event>&)>& while_running = {}) {
    LoadedGraph graph = load(yaml, variables);
    if (!graph.ok()) return {};
    auto events = std::make_shared<std::vector<Event>>();
    auto mutex = std::make_shared<std::mutex>();
    EventCallback record = [events, mutex](const Event& e) {
      std::lock_guard lock(*mutex);
      events->push_back(e);
    };
    const auto start = Clock::now();
    RunHandle handle = c ? runtime.start_confined(graph, options(), *c, record) : runtime.start(graph, options(), record);
    if (while_running) {
      while (!handle.finished()) {
        std::vector<Event> seen;
        {
          std::lock_guard lock(*mutex);
          seen = *events;
        }
        while_running(handle, seen);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    Outcome out;
    out.result = handle.wait();
    out.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
    std::lock_guard lock(*mutex);
    out.events = *events;
    return out;
  }

  Runtime runtime{RuntimeOptions{{test_plugin_dir("good"), test_plugin_dir("sandbox")}, false}};
  TempDir dir{"reelflow-confined-test"};
  int runs = 0;
};

const char* const kFsProbe = R"(variables: { path: { type: string, default: "", trusted: true }, mode: read }
stages:
  - id: probe
    type: fs_probe
    params: { path: "${path}", mode: "${mode}" }
)";

TEST_F(ConfinedRunTest, GivesTheSameOutputsAndEventsAsARunInThisProcess) {
  const char* yaml = R"(stages:
  - id: a
    type: test_source
    params: { text: hello }
  - id: wait
    type: test_sleep
    inputs: { in: a }
    params: { ms: 50 }
  - id: v
    type: test_video
    params: { frames: 10, width: 64, height: 48 }
)";
  const Outcome here = run(yaml, std::nullopt);
  const Outcome there = run(yaml, confinement());
  ASSERT_EQ(here.result.outcome, RunOutcome::Succeeded) << here.result.error;
  ASSERT_EQ(there.result.outcome, RunOutcome::Succeeded) << there.result.error;
  EXPECT_EQ(there.text("wait.text"), "hello,wait");
  EXPECT_EQ(there.text("wait.text"), here.text("wait.text"));
  const auto& video = std::get<VideoFile>(there.result.outputs.at("v.video"));
  auto info = probe_media(video.path);
  ASSERT_TRUE(info) << video.path;
  EXPECT_NEAR(info->duration_s, 10 / 25.0, 0.041);
  ASSERT_EQ(there.result.stages.size(), 3u);
  for (const auto& s : there.result.stages) EXPECT_EQ(s.state, StageState::Succeeded) << s.id;

  ASSERT_FALSE(there.events.empty());
  EXPECT_EQ(there.events.front().kind, EventKind::RunStarted);
  EXPECT_EQ(there.events.back().kind, EventKind::RunFinished);
  std::size_t finished = 0;
  for (const auto& e : there.events) {
    EXPECT_EQ(e.run_id, there.result.run_id);
    finished += e.kind == EventKind::StageFinished;
  }
  EXPECT_EQ(finished, 3u);
  // The child's scratch HOME and TMPDIR went with it.
  EXPECT_FALSE(fs::exists(video.path.parent_path() / ".reelflow-work"));
}

TEST_F(ConfinedRunTest, AGraphFileKeepsItsOwnDirectoryInTheChild) {
  // The child gets the graph's text, not its file: ${graph_dir} must come along.
  const fs::path graphs = dir.path() / "graphs";
  fs::create_directories(graphs);
  std::ofstream(graphs / "g.yaml") << "stages:\n  - id: a\n    type: test_source\n    params: { text: \"${graph_dir}\" }\n";
  LoadedGraph graph = runtime.load_graph_file(graphs / "g.yaml");
  ASSERT_TRUE(graph.ok()) << graph.error_text();
  RunHandle handle = runtime.start_confined(graph, options(), confinement());
  const RunResult& result = handle.wait();
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  EXPECT_EQ(std::get<Text>(result.outputs.at("a.text")).text, fs::absolute(graphs).lexically_normal().string());
}

// A graph file with a sub-graph: the child gets the part's text as the parent read it
// (it could not read the file, and here the file is gone before the run starts).
TEST_F(ConfinedRunTest, ASubgraphRunsWithThePartsTextTheParentRead) {
  fs::create_directories(dir.path() / "parts");
  std::ofstream(dir.path() / "parts" / "pass.yaml") << R"(inputs: { in: text }
outputs: { text: wait.text }
stages:
  - id: wait
    type: test_sleep
    inputs: { in: inputs.in }
    params: { ms: 1 }
)";
  std::ofstream(dir.path() / "main.yaml") << R"(stages:
  - id: a
    type: test_source
    params: { text: hello }
  - id: p
    type: graph
    inputs: { in: a }
    params: { file: parts/pass.yaml }
)";
  LoadedGraph graph = runtime.load_graph_file(dir.path() / "main.yaml");
  ASSERT_TRUE(graph.ok()) << graph.error_text();
  fs::remove(dir.path() / "parts" / "pass.yaml");
  RunHandle handle = runtime.start_confined(graph, options(), confinement());
  const RunResult& result = handle.wait();
  ASSERT_EQ(result.outcome, RunOutcome::Succeeded) << result.error;
  EXPECT_EQ(std::get<Text>(result.outputs.at("p/wait.text")).text, "hello,p/wait");
}

TEST_F(ConfinedRunTest, ACrashingStageFailsItsRunAndNotTheCaller) {
  const char* yaml = R"(stages:
  - id: a
    type: test_source
  - id: crash
    type: crash_probe
    inputs: { in: a }
)";
  const std::size_t fds_before = open_descriptors();
  const Outcome crashed = run(yaml, confinement());
  EXPECT_EQ(crashed.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(crashed.result.error, "stage crash (crash_probe) crashed: signal 11 (Segmentation fault)");
  EXPECT_EQ(crashed.result.exit_code(), 1);
  ASSERT_EQ(crashed.result.stages.size(), 2u);
  EXPECT_EQ(crashed.result.stages[0].state, StageState::Succeeded);
  EXPECT_EQ(crashed.result.stages[1].state, StageState::Failed);
  // Watchers still see the run end: the parent says what the child could not.
  ASSERT_GE(crashed.events.size(), 2u);
  const Event& failed = crashed.events[crashed.events.size() - 2];
  EXPECT_EQ(failed.kind, EventKind::StageFailed);
  EXPECT_EQ(failed.stage_id, "crash");
  EXPECT_EQ(crashed.events.back().kind, EventKind::RunFinished);
  EXPECT_EQ(crashed.events.back().message, crashed.result.error);

  // This process lives on and runs the next graph.
  const Outcome next = run("stages:\n  - id: a\n    type: test_source\n    params: { text: after }\n", confinement());
  EXPECT_EQ(next.result.outcome, RunOutcome::Succeeded) << next.result.error;
  EXPECT_EQ(next.text("a.text"), "after");
  EXPECT_EQ(open_descriptors(), fds_before) << "a confined run left a descriptor open";
}

TEST_F(ConfinedRunTest, FilesOutsideTheAllowedSetCannotBeRead) {
  TempDir elsewhere("reelflow-confined-secret");
  const fs::path secret = elsewhere / "secret.txt";
  std::ofstream(secret) << "top secret";
  const std::string environ_of_this_process = "/proc/" + std::to_string(::getpid()) + "/environ";
  for (const std::string& path : {secret.string(), environ_of_this_process}) {
    const std::map<std::string, std::string> vars{{"path", path}, {"mode", "read"}};
    const Outcome here = run(kFsProbe, std::nullopt, vars);
    ASSERT_EQ(here.result.outcome, RunOutcome::Succeeded) << here.result.error;
    EXPECT_FALSE(here.text("probe.text").empty());
    const Outcome there = run(kFsProbe, confinement(), vars);
    EXPECT_EQ(there.result.outcome, RunOutcome::Failed);
    EXPECT_EQ(there.result.error, "stage 'probe' (fs_probe): cannot read " + path + ": Permission denied");
  }
}

TEST_F(ConfinedRunTest, FilesCanBeWrittenInTheOutputDirAndNowhereElse) {
  TempDir elsewhere("reelflow-confined-elsewhere");
  const std::string outside = (elsewhere / "planted.txt").string();
  const std::map<std::string, std::string> vars{{"path", outside}, {"mode", "write"}};
  const Outcome there = run(kFsProbe, confinement(), vars);
  EXPECT_EQ(there.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(there.result.error, "stage 'probe' (fs_probe): cannot write " + outside + ": Permission denied");
  EXPECT_FALSE(fs::exists(outside));
  const Outcome here = run(kFsProbe, std::nullopt, vars);
  EXPECT_EQ(here.result.outcome, RunOutcome::Succeeded) << here.result.error;
  EXPECT_TRUE(fs::exists(outside));

  const Outcome inside = run(kFsProbe, confinement(), {{"path", "made-here.txt"}, {"mode", "write"}});
  EXPECT_EQ(inside.result.outcome, RunOutcome::Succeeded) << inside.result.error;
  EXPECT_EQ(inside.text("probe.text"), "wrote 5 bytes");
}

// A TCP listener on 127.0.0.1 that reports whether anyone connected.
class Listener {
 public:
  Listener() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(fd_, 8) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      ADD_FAILURE() << "cannot listen: " << std::strerror(errno);
    port_ = ntohs(a.sin_port);
  }
  ~Listener() { ::close(fd_); }
  int port() const { return port_; }
  // Accepts what is waiting; the number of connections.
  int accepted() {
    int n = 0;
    pollfd p{fd_, POLLIN, 0};
    while (::poll(&p, 1, 100) == 1) {
      const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) break;
      ::close(c);
      ++n;
    }
    return n;
  }

 private:
  int fd_;
  int port_ = 0;
};

TEST_F(ConfinedRunTest, WithoutNetworkNoTcpConnectionIsMadeAndNoUdpSocketOpened) {
  Listener listener;
  const char* yaml = "variables: { port: 0 }\nstages:\n  - id: net\n    type: net_probe\n    params: { port: \"${port}\" }\n";
  const std::map<std::string, std::string> vars{{"port", std::to_string(listener.port())}};
  Confinement offline = confinement();
  offline.network = Confinement::Network::Denied;
  const Outcome denied = run(yaml, offline, vars);
  ASSERT_EQ(denied.result.outcome, RunOutcome::Succeeded) << denied.result.error;
  EXPECT_EQ(denied.text("net.text"), "tcp: Permission denied; udp: Permission denied");
  EXPECT_EQ(listener.accepted(), 0);

  const Outcome allowed = run(yaml, confinement(), vars);  // the graph may use the network
  ASSERT_EQ(allowed.result.outcome, RunOutcome::Succeeded) << allowed.result.error;
  EXPECT_EQ(allowed.text("net.text"), "tcp: connected; udp: opened");
  EXPECT_EQ(listener.accepted(), 1);
}

TEST_F(ConfinedRunTest, AGraphWhoseStagesDeclareNoNetworkGetsNone) {
  Listener listener;
  const char* yaml = "variables: { port: 0 }\nstages:\n  - id: net\n    type: net_probe\n"
                     "    params: { port: \"${port}\", network: undeclared }\n";
  const Outcome here = run(yaml, std::nullopt, {{"port", std::to_string(listener.port())}});
  EXPECT_EQ(here.text("net.text"), "tcp: connected; udp: opened");
  const Outcome there = run(yaml, confinement(), {{"port", std::to_string(listener.port())}});
  ASSERT_EQ(there.result.outcome, RunOutcome::Succeeded) << there.result.error;
  EXPECT_EQ(there.text("net.text"), "tcp: Permission denied; udp: Permission denied");
  EXPECT_EQ(listener.accepted(), 1) << "only the unconfined run reached the listener";
}

TEST_F(ConfinedRunTest, NamedUnixSocketsAreOutOfReachEvenWithNetwork) {
  TempDir elsewhere("reelflow-confined-socket");
  const std::string path = (elsewhere / "service.sock").string();
  const int server = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  path.copy(address.sun_path, sizeof address.sun_path - 1);
  ASSERT_EQ(::bind(server, reinterpret_cast<sockaddr*>(&address), sizeof address), 0) << std::strerror(errno);
  ASSERT_EQ(::listen(server, 8), 0);
  Listener tcp;
  const char* yaml = "variables: { port: 0, unix: { type: string, default: \"\", trusted: true } }\n"
                     "stages:\n  - id: net\n    type: net_probe\n"
                     "    params: { port: \"${port}\", unix_path: \"${unix}\" }\n";
  const std::map<std::string, std::string> vars{{"port", std::to_string(tcp.port())}, {"unix", path}};
  const Outcome here = run(yaml, std::nullopt, vars);
  EXPECT_EQ(here.text("net.text"), "tcp: connected; udp: opened; unix: connected");
  const Outcome there = run(yaml, confinement(), vars);
  EXPECT_EQ(there.text("net.text"), "tcp: connected; udp: opened; unix: Permission denied");
  ::close(server);
}

std::map<std::string, std::string> parse_environment(const std::string& text) {
  std::map<std::string, std::string> env;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (auto eq = line.find('='); eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  return env;
}

TEST_F(ConfinedRunTest, TheChildSeesOnlyAllowListedVariablesAndTheOnesTheGraphReads) {
  ::setenv("REELFLOW_TEST_API_TOKEN", "s3cret-token-value", 1);
  ::setenv("REELFLOW_TEST_GRAPH_VAR", "graph-value", 1);
  const char* yaml = R"(stages:
  - id: env
    type: fs_probe
    params: { path: /proc/self/environ }
  - id: v
    type: test_source
    params: { text: "${env:REELFLOW_TEST_GRAPH_VAR}" }
)";
  // (In this process the probe sees the environment this test was started with.)
  const Outcome here = run(yaml, std::nullopt);
  ASSERT_EQ(here.result.outcome, RunOutcome::Succeeded) << here.result.error;
  EXPECT_EQ(parse_environment(here.text("env.text")).count("PATH"), 1u);

  const Outcome there = run(yaml, confinement());
  ASSERT_EQ(there.result.outcome, RunOutcome::Succeeded) << there.result.error;
  const auto env = parse_environment(there.text("env.text"));
  std::set<std::string> expected{"PATH", "LANG", "HOME", "TMPDIR", "XDG_CACHE_HOME", "GST_REGISTRY", "REELFLOW_TEST_GRAPH_VAR"};
  for (const char* optional : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "GST_PLUGIN_PATH", "GST_PLUGIN_SYSTEM_PATH"})
    if (std::getenv(optional)) expected.insert(optional);
  std::set<std::string> names;
  for (const auto& [name, value] : env) names.insert(name);
  EXPECT_EQ(names, expected);
  EXPECT_EQ(there.text("env.text").find("s3cret-token-value"), std::string::npos);
  EXPECT_EQ(env.at("REELFLOW_TEST_GRAPH_VAR"), "graph-value");
  EXPECT_EQ(there.text("v.text"), "graph-value");
  EXPECT_EQ(env.at("PATH"), "/usr/bin:/bin");
  EXPECT_EQ(env.at("XDG_CACHE_HOME"), (dir.path() / "cache").string());
  EXPECT_EQ(env.at("HOME"), (dir.path() / "cache" / "home").string());
  EXPECT_EQ(env.at("TMPDIR").rfind((dir.path() / "out1" / ".reelflow-work" / "sandbox-").string(), 0), 0u) << env.at("TMPDIR");
  ::unsetenv("REELFLOW_TEST_API_TOKEN");
  ::unsetenv("REELFLOW_TEST_GRAPH_VAR");
}

TEST_F(ConfinedRunTest, TheChildCannotSignalProcessesOutsideItsSandbox) {
  if (landlock_abi_version() < 6) GTEST_SKIP() << "Landlock ABI " << landlock_abi_version() << " has no signal scoping";
  const char* yaml = "variables: { pid: 0 }\nstages:\n  - id: s\n    type: signal_probe\n    params: { pid: \"${pid}\" }\n";
  const std::map<std::string, std::string> vars{{"pid", std::to_string(::getpid())}};
  EXPECT_EQ(run(yaml, std::nullopt, vars).text("s.text"), "sent");
  EXPECT_EQ(run(yaml, confinement(), vars).text("s.text"), "Operation not permitted");
}

TEST_F(ConfinedRunTest, WritingPastTheFileSizeLimitFailsNamingTheLimit) {
  Confinement small = confinement();
  small.max_file_bytes = 1 << 20;
  const char* yaml = R"(variables: { bytes: 0 }
stages:
  - id: big
    type: fs_probe
    params: { path: big.bin, mode: write, bytes: "${bytes}" }
)";
  // The first run in a cache dir writes GStreamer's registry (megabytes): not under this limit.
  ASSERT_EQ(run(yaml, confinement(), {{"bytes", "1"}}).result.outcome, RunOutcome::Succeeded);
  const Outcome within = run(yaml, small, {{"bytes", std::to_string(512 << 10)}});
  EXPECT_EQ(within.result.outcome, RunOutcome::Succeeded) << within.result.error;
  const Outcome beyond = run(yaml, small, {{"bytes", std::to_string(4 << 20)}});
  EXPECT_EQ(beyond.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(beyond.result.error, "stage big (fs_probe) exceeded the file size limit of 1048576 bytes (signal 25)");
  const Outcome here = run(yaml, std::nullopt, {{"bytes", std::to_string(4 << 20)}});
  EXPECT_EQ(here.result.outcome, RunOutcome::Succeeded) << here.result.error;
}

// The pid, process group and spawned process a pid_probe reported ("pid=1 pgid=1 spawned=2").
struct ProbeProcesses {
  pid_t pid = 0, pgid = 0, spawned = 0;
};
std::optional<ProbeProcesses> reported_processes(const std::vector<Event>& events) {
  for (const auto& e : events)
    if (e.kind == EventKind::StageProgress && e.message.rfind("pid=", 0) == 0) {
      ProbeProcesses p;
      std::sscanf(e.message.c_str(), "pid=%d pgid=%d spawned=%d", &p.pid, &p.pgid, &p.spawned);
      return p;
    }
  return std::nullopt;
}

TEST_F(ConfinedRunTest, CancelEndsTheRunAndEveryProcessItStarted) {
  std::optional<ProbeProcesses> processes;
  std::optional<Clock::time_point> cancelled_at;
  const Outcome out = run("stages:\n  - id: p\n    type: pid_probe\n    params: { spawn: true }\n", confinement(), {},
                          [&](RunHandle& handle, const std::vector<Event>& events) {
                            if (cancelled_at || !(processes = reported_processes(events))) return;
                            cancelled_at = Clock::now();
                            handle.cancel();
                          });
  ASSERT_TRUE(processes);
  EXPECT_EQ(out.result.outcome, RunOutcome::Cancelled);
  EXPECT_EQ(out.result.exit_code(), 130);
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - *cancelled_at).count(), 4.0);  // well within the 5 s grace
  EXPECT_NE(processes->pid, ::getpid());
  EXPECT_EQ(processes->pgid, processes->pid);  // the child leads its own group
  EXPECT_GT(processes->spawned, 0);
  EXPECT_FALSE(exists(processes->pid)) << "the child was not reaped";
  EXPECT_FALSE(exists(-processes->pgid)) << "its process group lives on";
  EXPECT_FALSE(exists(processes->spawned)) << "the process its stage started lives on";
  EXPECT_FALSE(fs::exists(dir.path() / "out0" / ".reelflow-work")) << "the cancelled run left its scratch files";
  // The child's events say so: the run was cancelled (once), its stage stopped, not failed.
  const auto kinds = out.kinds();
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::RunCancelled), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::StageCancelled), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::StageFailed), 0);
}

TEST_F(ConfinedRunTest, AChildThatIgnoresTheCancelIsKilledAfterTheGracePeriod) {
  Confinement quick = confinement();
  quick.cancel_grace = std::chrono::milliseconds(300);
  std::optional<ProbeProcesses> processes;
  bool cancelled = false;
  const Outcome out = run("stages:\n  - id: p\n    type: pid_probe\n    params: { ignore_cancel: true }\n", quick, {},
                          [&](RunHandle& handle, const std::vector<Event>& events) {
                            if (cancelled || !(processes = reported_processes(events))) return;
                            cancelled = true;
                            handle.cancel();
                          });
  ASSERT_TRUE(processes);
  EXPECT_EQ(out.result.outcome, RunOutcome::Cancelled);
  EXPECT_EQ(out.result.error, "the run did not stop within 300 ms of the cancel and was killed");
  EXPECT_LT(out.wall_s, 30.0);
  EXPECT_FALSE(exists(-processes->pgid));
  EXPECT_EQ(out.events.back().kind, EventKind::RunFinished);
  // Killed for not stopping in time, its stage was still cancelled, not failed.
  const auto kinds = out.kinds();
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::RunCancelled), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::StageCancelled), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::StageFailed), 0);
}

TEST_F(ConfinedRunTest, AChildProgramThatCannotStartFailsTheRunWithTheReason) {
  Confinement missing = confinement();
  missing.child_program = dir.path() / "no-such-reelflow";
  const Outcome out = run("stages:\n  - id: a\n    type: test_source\n", missing);
  EXPECT_EQ(out.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(out.result.error.rfind("cannot start the confined run: ", 0), 0u) << out.result.error;
  EXPECT_NE(out.result.error.find("no-such-reelflow"), std::string::npos) << out.result.error;
}

}  // namespace
}  // namespace reelflow::testing
