// confinement_bench: what confining a run costs. Times a one-stage graph (a
// bench_relay no-op) started in-process (Runtime::start) and confined
// (Runtime::start_confined: fork, exec of the CLI's sandbox-child, its start-up,
// Landlock and seccomp), alternately, from start to result.
//
//   confinement_bench --plugin-dir DIR --child PROGRAM --work DIR [--repeat N]
//
// Prints one JSON object: the first confined run in a fresh cache dir (it writes
// GStreamer's registry) and, per mode, the median and every sample in ms: wall
// time, and CPU time (user + sys) of this process and of the reaped child, which
// a busy machine distorts less (and this process's share of it). For scale: `PROGRAM --version` started and
// waited for the same way (what any process linking libreelflow costs here).
#include <reelflow/runtime.hpp>

#include <nlohmann/json.hpp>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::filesystem::path plugin_dir, child, work;
  int repeat = 20;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--plugin-dir") o.plugin_dir = argv[i + 1];
    else if (a == "--child") o.child = argv[i + 1];
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

struct Sample {
  double wall_ms, cpu_ms;
  double parent_cpu_ms;   // this process's share of cpu_ms
  double first_event_ms;  // start → run_started: for a confined run, the child's start-up
};

extern "C" char** environ;

// `program --version`, started and reaped: wall and CPU time of the child in ms.
Sample time_version(const std::filesystem::path& program) {
  const std::string path = program.string();
  char version[] = "--version";
  char* argv[] = {const_cast<char*>(path.c_str()), version, nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  const double cpu_before = cpu_ms(RUSAGE_CHILDREN);
  const auto start = Clock::now();
  pid_t pid = 0;
  int status = 0;
  if (posix_spawn(&pid, path.c_str(), &actions, nullptr, argv, environ) == 0) ::waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  return {std::chrono::duration<double, std::milli>(Clock::now() - start).count(), cpu_ms(RUSAGE_CHILDREN) - cpu_before, 0,
          0};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::cerr << "usage: confinement_bench --plugin-dir DIR --child PROGRAM --work DIR [--repeat N]\n";
    return 2;
  }
  std::filesystem::remove_all(o.work);
  reelflow::Runtime runtime(reelflow::RuntimeOptions{{o.plugin_dir}, false, o.work / "cache"});
  const auto graph = runtime.load_graph_string("stages:\n  - id: a\n    type: bench_relay\n    params: { label: x }\n");
  if (!graph.ok()) {
    std::cerr << graph.error_text();
    return 1;
  }
  reelflow::Confinement confinement;
  confinement.child_program = o.child;
  int n = 0;
  // One run from start to result; fails the benchmark when the run fails.
  auto time_run = [&](bool confined) {
    reelflow::RunOptions options;
    options.output_dir = o.work / ("out" + std::to_string(n++));
    options.cache_dir = o.work / "cache";
    options.use_cache = false;
    const double self_before = cpu_ms(RUSAGE_SELF);
    const double cpu_before = self_before + cpu_ms(RUSAGE_CHILDREN);
    const auto start = Clock::now();
    auto first_event = std::make_shared<std::atomic<double>>(-1.0);
    reelflow::EventCallback on_event = [start, first_event](const reelflow::Event&) {
      double none = -1.0;
      first_event->compare_exchange_strong(none, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    };
    reelflow::RunHandle run = confined ? runtime.start_confined(graph, options, confinement, on_event)
                                       : runtime.start(graph, options, on_event);
    const reelflow::RunResult& result = run.wait();
    const double wall = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (result.outcome != reelflow::RunOutcome::Succeeded) throw std::runtime_error(result.error);
    const double self_after = cpu_ms(RUSAGE_SELF);
    return Sample{wall, self_after + cpu_ms(RUSAGE_CHILDREN) - cpu_before, self_after - self_before,
                  first_event->load()};
  };
  auto summary = [](const std::vector<Sample>& samples) {
    std::vector<double> wall, cpu, parent, first;
    for (const auto& s : samples) {
      wall.push_back(s.wall_ms);
      cpu.push_back(s.cpu_ms);
      parent.push_back(s.parent_cpu_ms);
      first.push_back(s.first_event_ms);
    }
    return nlohmann::json{{"wall_median_ms", median(wall)},           {"cpu_median_ms", median(cpu)},
                          {"parent_cpu_median_ms", median(parent)},   {"first_event_median_ms", median(first)},
                          {"wall_samples_ms", wall},                  {"cpu_samples_ms", cpu}};
  };
  try {
    nlohmann::json out;
    const Sample first = time_run(true);
    out["first_confined"] = {{"wall_ms", first.wall_ms}, {"cpu_ms", first.cpu_ms}};
    std::vector<Sample> in_process, confined;
    for (int i = 0; i < o.repeat; ++i) {
      in_process.push_back(time_run(false));
      confined.push_back(time_run(true));
    }
    std::vector<Sample> version;
    for (int i = 0; i < o.repeat; ++i) version.push_back(time_version(o.child));
    out["child_version"] = summary(version);
    out["in_process"] = summary(in_process);
    out["confined"] = summary(confined);
    out["cost_per_job"] = {
        {"wall_ms", out["confined"]["wall_median_ms"].get<double>() - out["in_process"]["wall_median_ms"].get<double>()},
        {"cpu_ms", out["confined"]["cpu_median_ms"].get<double>() - out["in_process"]["cpu_median_ms"].get<double>()}};
    out["landlock_abi"] = reelflow::landlock_abi_version();
    std::cout << out.dump(1) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "confinement_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
