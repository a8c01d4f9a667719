// confinement_bench: what confining a run costs. Times a one-stage graph (a
// bench_relay no-op) from start to result, alternately:
//   in_process  Runtime::start
//   cold        Runtime::start_confined: fork, exec of PROGRAM's sandbox-child,
//               its start-up (libraries, gst_init), Landlock, seccomp
//   warm        the same with Confinement::warm_spare: the job arrives once the
//               spare started during the previous one is ready (blocked reading
//               its job), takes it, and the spare narrows itself to the job
// each with the CLI (--child) and, when given, the lean child (--lean-child).
//
//   confinement_bench --plugin-dir DIR --child PROGRAM [--lean-child PROGRAM] --work DIR [--repeat N]
//
// Prints one JSON object: the first confined run in a fresh cache dir (it writes
// GStreamer's registry) and, per mode, the median and every sample in ms: wall
// time, start → first event, and CPU time (user + sys) of this process and of
// the children reaped meanwhile (a warm job's child is reaped with its job: its
// CPU counts its whole life, start-up included). For scale: each program
// started and waited for with nothing to do (what any process linking
// libreelflow costs here: `reelflow --version`, the lean child on empty input).
#include <reelflow/runtime.hpp>

#include <nlohmann/json.hpp>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Options {
  fs::path plugin_dir, child, lean_child, work;
  int repeat = 20;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--plugin-dir") o.plugin_dir = argv[i + 1];
    else if (a == "--child") o.child = argv[i + 1];
    else if (a == "--lean-child") o.lean_child = argv[i + 1];
    else if (a == "--work") o.work = argv[i + 1];
    else if (a == "--repeat") o.repeat = std::max(1, std::stoi(argv[i + 1]));
    else return false;
  }
  return argc % 2 == 1 && !o.plugin_dir.empty() && !o.child.empty() && !o.work.empty();
}

double cpu_ms(int who) {
  rusage u{};
  ::getrusage(who, &u);
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

struct Sample {
  double wall_ms, cpu_ms;
  double parent_cpu_ms;   // this process's share of cpu_ms
  double first_event_ms;  // start → run_started: for a confined run, the child's start-up
};

extern "C" char** environ;

// `program args`, stdin and stdout /dev/null, started and reaped: wall and CPU time of the child in ms.
Sample time_start_up(const fs::path& program, const std::vector<std::string>& args) {
  const std::string path = program.string();
  std::vector<std::string> words{path};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const double cpu_before = cpu_ms(RUSAGE_CHILDREN);
  const auto start = Clock::now();
  pid_t pid = 0;
  int status = 0;
  if (posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), environ) == 0) ::waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  return {ms_since(start), cpu_ms(RUSAGE_CHILDREN) - cpu_before, 0, 0};
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Waits (30 s at most) until a child of this process running `program` is
// blocked reading its job: a ready spare.
bool wait_for_ready_spare(const fs::path& program) {
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  const std::string receiving = std::to_string(SYS_recvmsg) + " ";
  while (Clock::now() < deadline) {
    for (const auto& task : fs::directory_iterator("/proc/self/task")) {
      std::ifstream children(task.path() / "children");
      for (pid_t pid; children >> pid;) {
        const fs::path proc = "/proc/" + std::to_string(pid);
        std::error_code ec;
        if (fs::read_symlink(proc / "exe", ec) == program && read_text(proc / "syscall").rfind(receiving, 0) == 0)
          return true;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

nlohmann::json summary(const std::vector<Sample>& samples) {
  std::vector<double> wall, cpu, parent, first;
  for (const auto& s : samples) {
    wall.push_back(s.wall_ms);
    cpu.push_back(s.cpu_ms);
    parent.push_back(s.parent_cpu_ms);
    first.push_back(s.first_event_ms);
  }
  return nlohmann::json{{"wall_median_ms", median(wall)},         {"cpu_median_ms", median(cpu)},
                        {"parent_cpu_median_ms", median(parent)}, {"first_event_median_ms", median(first)},
                        {"wall_samples_ms", wall},                {"cpu_samples_ms", cpu}};
}

// One way of running the graph; warm modes have a Runtime of their own, so that
// each keeps the spare of its own program.
struct Mode {
  std::string name;
  std::optional<reelflow::Confinement> confinement;  // nullopt: in-process
  std::unique_ptr<reelflow::Runtime> runtime;
  std::vector<Sample> samples;
  bool ran = false;  // warm: its spare was started during its last run
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::cerr << "usage: confinement_bench --plugin-dir DIR --child PROGRAM [--lean-child PROGRAM] --work DIR [--repeat N]\n";
    return 2;
  }
  fs::remove_all(o.work);
  const reelflow::RuntimeOptions runtime_options{{o.plugin_dir}, false, o.work / "cache"};
  const std::string yaml = "stages:\n  - id: a\n    type: bench_relay\n    params: { label: x }\n";

  std::vector<Mode> modes;
  modes.push_back({"in_process", std::nullopt, nullptr, {}});
  std::vector<std::pair<std::string, fs::path>> children{{"", fs::canonical(o.child)}};
  if (!o.lean_child.empty()) children.emplace_back("_lean", fs::canonical(o.lean_child));
  for (const auto& [suffix, program] : children)
    for (bool warm : {false, true}) {
      reelflow::Confinement c;
      c.child_program = program;
      c.warm_spare = warm;
      modes.push_back({(warm ? "warm" : "cold") + suffix, c, std::make_unique<reelflow::Runtime>(runtime_options), {}});
    }
  reelflow::Runtime shared(runtime_options);

  int n = 0;
  // One run from start to result; fails the benchmark when the run fails.
  auto time_run = [&](Mode& mode) {
    reelflow::Runtime& runtime = mode.runtime ? *mode.runtime : shared;
    const auto graph = runtime.load_graph_string(yaml);
    if (!graph.ok()) throw std::runtime_error(graph.error_text());
    if (mode.confinement && mode.confinement->warm_spare && mode.ran &&
        !wait_for_ready_spare(mode.confinement->child_program))
      throw std::runtime_error("no warm spare of " + mode.confinement->child_program.string() + " became ready");
    reelflow::RunOptions options;
    options.output_dir = o.work / "out" / std::to_string(n++);
    options.cache_dir = o.work / "cache";
    options.use_cache = false;
    const double self_before = cpu_ms(RUSAGE_SELF);
    const double cpu_before = self_before + cpu_ms(RUSAGE_CHILDREN);
    const auto start = Clock::now();
    auto first_event = std::make_shared<std::atomic<double>>(-1.0);
    reelflow::EventCallback on_event = [start, first_event](const reelflow::Event&) {
      double none = -1.0;
      first_event->compare_exchange_strong(none, ms_since(start));
    };
    reelflow::RunHandle run = mode.confinement ? runtime.start_confined(graph, options, *mode.confinement, on_event)
                                               : runtime.start(graph, options, on_event);
    const reelflow::RunResult& result = run.wait();
    const double wall = ms_since(start);
    if (result.outcome != reelflow::RunOutcome::Succeeded) throw std::runtime_error(result.error);
    mode.ran = true;
    const double self_after = cpu_ms(RUSAGE_SELF);
    return Sample{wall, self_after + cpu_ms(RUSAGE_CHILDREN) - cpu_before, self_after - self_before,
                  first_event->load()};
  };
  try {
    nlohmann::json out;
    const Sample first = time_run(modes[1]);  // cold, in a fresh cache dir
    out["first_confined"] = {{"wall_ms", first.wall_ms}, {"cpu_ms", first.cpu_ms}};
    for (auto& mode : modes)  // each warm mode's first run starts its spare
      if (mode.confinement && mode.confinement->warm_spare) time_run(mode);
    for (int i = 0; i < o.repeat; ++i)
      for (auto& mode : modes) mode.samples.push_back(time_run(mode));

    std::vector<Sample> version, lean_start;
    for (int i = 0; i < o.repeat; ++i) {
      version.push_back(time_start_up(o.child, {"--version"}));
      if (!o.lean_child.empty()) lean_start.push_back(time_start_up(o.lean_child, {}));
    }
    out["child_version"] = summary(version);
    if (!lean_start.empty()) out["lean_child_start"] = summary(lean_start);
    const nlohmann::json here = summary(modes[0].samples);
    for (const auto& mode : modes) {
      out[mode.name] = summary(mode.samples);
      if (!mode.confinement) continue;
      out["cost_per_job"][mode.name] = {
          {"wall_ms", out[mode.name]["wall_median_ms"].get<double>() - here["wall_median_ms"].get<double>()},
          {"cpu_ms", out[mode.name]["cpu_median_ms"].get<double>() - here["cpu_median_ms"].get<double>()}};
    }
    out["landlock_abi"] = reelflow::landlock_abi_version();
    std::cout << out.dump(1) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "confinement_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
