// Runtime::start_confined: the graph runs in a child process (the build's
// reelflow-sandbox-child, the default) under Landlock, seccomp and rlimits. Each test that shows the
// sandbox forbidding something also runs the same graph unconfined and sees it
// work, so what fails is the sandbox, not the probe stage. Every test runs
// twice: with a child started for the run (cold) and in a warm spare that
// narrowed itself to the run's sandbox (Confinement::warm_spare), where each
// confined run checks that it did take the spare.
#include "confined_children.hpp"
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
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
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

enum class Start { Cold, Warm };

class ConfinedRunFixture : public ::testing::Test {
 protected:
  explicit ConfinedRunFixture(Start start) : start_(start) {}

  Confinement confinement() const {
    Confinement c;
    c.warm_spare = start_ == Start::Warm;
    return c;
  }

  // The spare the next confined run should take: after a first run that starts one.
  std::optional<pid_t> ready_spare(Runtime& on, const Confinement& c) {
    if (!primed_) {
      RunOptions o;
      o.output_dir = dir.path() / "prime";
      o.cache_dir = dir.path() / "cache";
      const LoadedGraph graph = on.load_graph_string("stages:\n  - id: a\n    type: test_source\n", "prime.yaml");
      RunHandle first = on.start_confined(graph, o, c);
      EXPECT_EQ(first.wait().outcome, RunOutcome::Succeeded) << first.wait().error;
      primed_ = true;
    }
    auto spare = wait_for_spare();
    EXPECT_TRUE(spare) << "no warm spare was started";
    return spare;
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
    const std::optional<pid_t> spare =
        c && c->warm_spare && expect_spare_taken ? ready_spare(runtime, *c) : std::nullopt;
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
    if (spare) {
      EXPECT_FALSE(process_exists(*spare)) << "the run did not take the warm spare";
    }
    if (c && !c->warm_spare) {
      EXPECT_TRUE(sandbox_children().empty()) << "a spare was started though warm_spare is off";
    }
    std::lock_guard lock(*mutex);
    out.events = *events;
    return out;
  }

  Start start_;
  bool primed_ = false;
  bool expect_spare_taken = true;
  TempDir dir{"reelflow-confined-test"};
  Runtime runtime{RuntimeOptions{{test_plugin_dir("good"), test_plugin_dir("sandbox")}, false}};
  int runs = 0;
};

class ConfinedRunTest : public ConfinedRunFixture, public ::testing::WithParamInterface<Start> {
 protected:
  ConfinedRunTest() : ConfinedRunFixture(GetParam()) {}
};

INSTANTIATE_TEST_SUITE_P(ColdAndWarm, ConfinedRunTest, ::testing::Values(Start::Cold, Start::Warm),
                         [](const auto& info) { return info.param == Start::Cold ? "Cold" : "Warm"; });

const char* const kFsProbe = R"(variables: { path: { type: string, default: "", trusted: true }, mode: read }
stages:
  - id: probe
    type: fs_probe
    params: { path: "${path}", mode: "${mode}" }
)";

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

const char* const kPidProbe = "stages:\n  - id: p\n    type: pid_probe\n    params: { ms: 0 }\n";

TEST_P(ConfinedRunTest, GivesTheSameOutputsAndEventsAsARunInThisProcess) {
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

TEST_P(ConfinedRunTest, AGraphFileKeepsItsOwnDirectoryInTheChild) {
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
TEST_P(ConfinedRunTest, ASubgraphRunsWithThePartsTextTheParentRead) {
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

TEST_P(ConfinedRunTest, TheChildIsTheLeanChildProgramUnlessTheCliIsNamed) {
  const char* yaml = "stages:\n  - id: p\n    type: pid_probe\n";
  std::optional<fs::path> program;
  auto read_program = [&](RunHandle& handle, const std::vector<Event>& events) {
    if (program) return;
    if (const auto processes = reported_processes(events)) {
      program = fs::read_symlink("/proc/" + std::to_string(processes->pid) + "/exe");
      handle.cancel();
    }
  };
  EXPECT_EQ(run(yaml, confinement(), {}, read_program).result.outcome, RunOutcome::Cancelled);
  ASSERT_TRUE(program);
  EXPECT_EQ(program->filename(), "reelflow-sandbox-child");

  Confinement cli = confinement();
  cli.child_program = REELFLOW_CLI_PATH;  // its hidden `sandbox-child` does the same
  primed_ = false;                        // a spare of the CLI, then
  program.reset();
  EXPECT_EQ(run(yaml, cli, {}, read_program).result.outcome, RunOutcome::Cancelled);
  ASSERT_TRUE(program);
  EXPECT_EQ(*program, fs::canonical(REELFLOW_CLI_PATH));
}

TEST_P(ConfinedRunTest, ACrashingStageFailsItsRunAndNotTheCaller) {
  const char* yaml = R"(stages:
  - id: a
    type: test_source
  - id: crash
    type: crash_probe
    inputs: { in: a }
)";
  // With a warm spare, the parent holds its socket, pipes and pidfd between runs:
  // counted when the spare is ready, before and after.
  if (start_ == Start::Warm) ready_spare(runtime, confinement());
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
  if (start_ == Start::Warm) wait_for_spare();
  EXPECT_EQ(open_descriptors(), fds_before) << "a confined run left a descriptor open";
}

TEST_P(ConfinedRunTest, FilesOutsideTheAllowedSetCannotBeRead) {
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

TEST_P(ConfinedRunTest, FilesCanBeWrittenInTheOutputDirAndNowhereElse) {
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

// Runs share a parent dir (a worker's <data-dir>/jobs; a warm spare may write
// beneath it until it narrows): each run still reaches its own output dir only.
TEST_P(ConfinedRunTest, ARunCannotReadOrWriteAnotherRunsOutputDir) {
  const Outcome first = run(kFsProbe, confinement(), {{"path", "result.txt"}, {"mode", "write"}});
  ASSERT_EQ(first.result.outcome, RunOutcome::Succeeded) << first.result.error;
  const std::string theirs = (dir.path() / "out0" / "result.txt").string();
  ASSERT_TRUE(fs::exists(theirs));
  const Outcome read = run(kFsProbe, confinement(), {{"path", theirs}, {"mode", "read"}});
  EXPECT_EQ(read.result.error, "stage 'probe' (fs_probe): cannot read " + theirs + ": Permission denied");
  for (const fs::path& planted : {dir.path() / "out0" / "planted.txt", dir.path() / "planted.txt"}) {
    const Outcome write = run(kFsProbe, confinement(), {{"path", planted.string()}, {"mode", "write"}});
    EXPECT_EQ(write.result.error, "stage 'probe' (fs_probe): cannot write " + planted.string() + ": Permission denied");
    EXPECT_FALSE(fs::exists(planted));
  }
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

TEST_P(ConfinedRunTest, WithoutNetworkNoTcpConnectionIsMadeAndNoUdpSocketOpened) {
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

TEST_P(ConfinedRunTest, AGraphWhoseStagesDeclareNoNetworkGetsNone) {
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

TEST_P(ConfinedRunTest, NamedUnixSocketsAreOutOfReachEvenWithNetwork) {
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

TEST_P(ConfinedRunTest, TheChildSeesOnlyAllowListedVariablesAndTheOnesTheGraphReads) {
  ::setenv("REELFLOW_TEST_API_TOKEN", "s3cret-token-value", 1);
  ::setenv("REELFLOW_TEST_GRAPH_VAR", "graph-value", 1);
  const char* yaml = R"(stages:
  - id: env
    type: env_probe
  - id: initial
    type: fs_probe
    params: { path: /proc/self/environ }
  - id: v
    type: test_source
    params: { text: "${env:REELFLOW_TEST_GRAPH_VAR}" }
)";
  // (In this process the probe sees the environment this test was started with.)
  const Outcome here = run(yaml, std::nullopt);
  ASSERT_EQ(here.result.outcome, RunOutcome::Succeeded) << here.result.error;
  EXPECT_EQ(parse_environment(here.text("env.text")).count("REELFLOW_TEST_API_TOKEN"), 1u);

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
  // The environment the child was started with (a warm spare's has neither TMPDIR nor the graph's variables).
  EXPECT_EQ(there.text("initial.text").find("s3cret-token-value"), std::string::npos);
  EXPECT_EQ(parse_environment(there.text("initial.text")).count("REELFLOW_TEST_API_TOKEN"), 0u);
  EXPECT_EQ(env.at("REELFLOW_TEST_GRAPH_VAR"), "graph-value");
  EXPECT_EQ(there.text("v.text"), "graph-value");
  EXPECT_EQ(env.at("PATH"), "/usr/bin:/bin");
  EXPECT_EQ(env.at("XDG_CACHE_HOME"), (dir.path() / "cache").string());
  EXPECT_EQ(env.at("HOME"), (dir.path() / "cache" / "home").string());
  EXPECT_EQ(env.at("TMPDIR").rfind((dir.path() / "out1" / ".reelflow-work" / "sandbox-").string(), 0), 0u) << env.at("TMPDIR");
  ::unsetenv("REELFLOW_TEST_API_TOKEN");
  ::unsetenv("REELFLOW_TEST_GRAPH_VAR");
}

TEST_P(ConfinedRunTest, TheChildCannotSignalProcessesOutsideItsSandbox) {
  if (landlock_abi_version() < 6) GTEST_SKIP() << "Landlock ABI " << landlock_abi_version() << " has no signal scoping";
  const char* yaml = "variables: { pid: 0 }\nstages:\n  - id: s\n    type: signal_probe\n    params: { pid: \"${pid}\" }\n";
  const std::map<std::string, std::string> vars{{"pid", std::to_string(::getpid())}};
  EXPECT_EQ(run(yaml, std::nullopt, vars).text("s.text"), "sent");
  EXPECT_EQ(run(yaml, confinement(), vars).text("s.text"), "Operation not permitted");
}

TEST_P(ConfinedRunTest, WritingPastTheFileSizeLimitFailsNamingTheLimit) {
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

TEST_P(ConfinedRunTest, CancelEndsTheRunAndEveryProcessItStarted) {
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
  EXPECT_FALSE(process_exists(processes->pid)) << "the child was not reaped";
  EXPECT_FALSE(process_exists(-processes->pgid)) << "its process group lives on";
  EXPECT_FALSE(process_exists(processes->spawned)) << "the process its stage started lives on";
  EXPECT_FALSE(fs::exists(dir.path() / "out0" / ".reelflow-work")) << "the cancelled run left its scratch files";
  // The child's events say so: the run was cancelled (once), its stage stopped, not failed.
  const auto kinds = out.kinds();
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::RunCancelled), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::StageCancelled), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::StageFailed), 0);
}

TEST_P(ConfinedRunTest, AChildThatIgnoresTheCancelIsKilledAfterTheGracePeriod) {
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
  EXPECT_FALSE(process_exists(-processes->pgid));
  EXPECT_EQ(out.events.back().kind, EventKind::RunFinished);
  // Killed for not stopping in time, its stage was still cancelled, not failed.
  const auto kinds = out.kinds();
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::RunCancelled), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::StageCancelled), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), EventKind::StageFailed), 0);
}

TEST_P(ConfinedRunTest, AChildProgramThatCannotStartFailsTheRunWithTheReason) {
  Confinement missing = confinement();
  missing.child_program = dir.path() / "no-such-reelflow";
  expect_spare_taken = false;
  const Outcome out = run("stages:\n  - id: a\n    type: test_source\n", missing);
  EXPECT_EQ(out.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(out.result.error.rfind("cannot start the confined run: ", 0), 0u) << out.result.error;
  EXPECT_NE(out.result.error.find("no-such-reelflow"), std::string::npos) << out.result.error;
  EXPECT_TRUE(sandbox_children().empty()) << "a spare of a program that cannot start";
}

class ConfinedWarmSpareTest : public ConfinedRunFixture {
 protected:
  ConfinedWarmSpareTest() : ConfinedRunFixture(Start::Warm) {}
};


// The value of a "Name:\tvalue" line of /proc/<pid>/status.
std::string status_field(pid_t pid, const std::string& name) {
  std::istringstream lines(read_file_text("/proc/" + std::to_string(pid) + "/status"));
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(name + ":", 0) == 0) return line.substr(line.find_first_not_of(" \t", name.size() + 1));
  return "<no " + name + ">";
}

TEST_F(ConfinedWarmSpareTest, EachRunHasAProcessOfItsOwnStartedBeforeIt) {
  std::vector<pid_t> pids;
  for (int i = 0; i < 3; ++i) {
    const auto spare = ready_spare(runtime, confinement());
    ASSERT_TRUE(spare);
    const Outcome out = run(kPidProbe, confinement());
    ASSERT_EQ(out.result.outcome, RunOutcome::Succeeded) << out.result.error;
    const auto processes = reported_processes(out.events);
    ASSERT_TRUE(processes);
    EXPECT_EQ(processes->pid, *spare) << "the run was not in the spare";
    EXPECT_TRUE(std::find(pids.begin(), pids.end(), processes->pid) == pids.end()) << "a second run in one process";
    pids.push_back(processes->pid);
  }
}

TEST_F(ConfinedWarmSpareTest, TheSpareIsConfinedFromBirth) {
  const auto spare = ready_spare(runtime, confinement());
  ASSERT_TRUE(spare);
  EXPECT_EQ(::getpgid(*spare), *spare) << "it leads its own process group";
  EXPECT_EQ(status_field(*spare, "NoNewPrivs"), "1");
  EXPECT_EQ(status_field(*spare, "Seccomp"), "2") << "no seccomp filter";
  EXPECT_EQ(status_field(*spare, "CapBnd"), "0000000000000000");
  rlimit own{};
  ::getrlimit(RLIMIT_FSIZE, &own);  // a child's limit is never above this process's
  const auto file_limit = std::to_string(std::min<std::uint64_t>(confinement().max_file_bytes, own.rlim_max));
  std::istringstream limits(read_file_text("/proc/" + std::to_string(*spare) + "/limits"));
  std::string soft, hard;
  for (std::string line; std::getline(limits, line);)
    if (line.rfind("Max file size", 0) == 0) std::istringstream(line.substr(13)) >> soft >> hard;
  EXPECT_EQ(soft, file_limit);
  EXPECT_EQ(hard, file_limit);
}

TEST_F(ConfinedWarmSpareTest, TheSpareHoldsNoneOfItsJobsSecretsBeforeTheJob) {
  ::setenv("REELFLOW_TEST_JOB_SECRET", "s3cret-for-the-job", 1);
  const char* yaml = "stages:\n  - id: env\n    type: env_probe\n  - id: v\n    type: test_source\n"
                     "    params: { text: \"${env:REELFLOW_TEST_JOB_SECRET}\" }\n";
  const Outcome first = run(yaml, confinement());  // the next spare is made in the shape of this run
  ASSERT_EQ(first.result.outcome, RunOutcome::Succeeded) << first.result.error;
  const auto spare = wait_for_spare();
  ASSERT_TRUE(spare);
  const std::string initial = read_file_text("/proc/" + std::to_string(*spare) + "/environ");
  EXPECT_NE(initial.find("HOME="), std::string::npos) << "cannot read the spare's environment";
  EXPECT_EQ(initial.find("s3cret-for-the-job"), std::string::npos);
  EXPECT_EQ(initial.find("REELFLOW_TEST_JOB_SECRET"), std::string::npos);
  EXPECT_EQ(initial.find("TMPDIR="), std::string::npos);

  const Outcome second = run(yaml, confinement());  // in that spare (run() checks)
  ASSERT_EQ(second.result.outcome, RunOutcome::Succeeded) << second.result.error;
  EXPECT_EQ(second.text("v.text"), "s3cret-for-the-job");
  EXPECT_EQ(parse_environment(second.text("env.text"))["REELFLOW_TEST_JOB_SECRET"], "s3cret-for-the-job");
  ::unsetenv("REELFLOW_TEST_JOB_SECRET");
}

// A spare killed (or out of memory) before its job is reaped and replaced.
TEST_F(ConfinedWarmSpareTest, AKilledSpareIsReplacedAndTheNextRunStillRuns) {
  const auto killed = ready_spare(runtime, confinement());
  ASSERT_TRUE(killed);
  ASSERT_EQ(::kill(*killed, SIGKILL), 0);
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (status_field(*killed, "State").rfind("Z", 0) != 0 && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // until it has died
  expect_spare_taken = false;
  const Outcome cold = run(kPidProbe, confinement());
  ASSERT_EQ(cold.result.outcome, RunOutcome::Succeeded) << cold.result.error;
  EXPECT_NE(reported_processes(cold.events)->pid, *killed);
  EXPECT_FALSE(process_exists(*killed)) << "the dead spare was not reaped";

  expect_spare_taken = true;
  const auto replacement = wait_for_spare();
  ASSERT_TRUE(replacement);
  EXPECT_NE(*replacement, *killed);
  const Outcome warm = run(kPidProbe, confinement());
  ASSERT_EQ(warm.result.outcome, RunOutcome::Succeeded) << warm.result.error;
  EXPECT_EQ(reported_processes(warm.events)->pid, *replacement);
}

TEST_F(ConfinedWarmSpareTest, ARunOutsideTheSparesOutputRootStartsItsOwnChild) {
  const auto spare = ready_spare(runtime, confinement());
  ASSERT_TRUE(spare);
  TempDir elsewhere("reelflow-confined-elsewhere");
  RunOptions o;
  o.output_dir = elsewhere / "out";
  o.cache_dir = dir.path() / "cache";
  std::vector<Event> events;
  RunHandle handle = runtime.start_confined(load(kPidProbe), o, confinement(), [&](const Event& e) { events.push_back(e); });
  ASSERT_EQ(handle.wait().outcome, RunOutcome::Succeeded) << handle.wait().error;
  const auto processes = reported_processes(events);
  ASSERT_TRUE(processes);
  EXPECT_NE(processes->pid, *spare) << "the spare, which may not write there, ran it";
}

TEST_F(ConfinedWarmSpareTest, DestroyingTheRuntimeKillsItsSpare) {
  std::optional<pid_t> spare;
  {
    Runtime own{RuntimeOptions{{test_plugin_dir("good"), test_plugin_dir("sandbox")}, false}};
    spare = ready_spare(own, confinement());
    ASSERT_TRUE(spare);
  }
  EXPECT_FALSE(process_exists(*spare)) << "the spare outlived its Runtime";
  EXPECT_FALSE(process_exists(-*spare)) << "its process group lives on";
  EXPECT_TRUE(sandbox_children().empty());
}

}  // namespace
}  // namespace reelflow::testing
