// The child side of a confined run (`reelflow sandbox-child`): it runs with
// whatever the parent's sandbox allows and speaks confined_protocol.hpp. Its
// stdin is the request (a cold child), or a socket (a warm spare, spare.hpp):
// then it initialises GStreamer, waits for its job and narrows its sandbox to
// the job's before it reads the graph.
#include "sandbox/confined_protocol.hpp"
#include "sandbox/descendants.hpp"
#include "sandbox/job_handover.hpp"
#include "sandbox/narrowing.hpp"
#include "sandbox/request_file.hpp"

#include "run/pipeline_runner.hpp"
#include "run/scheduler.hpp"

#include <reelflow/confinement.hpp>
#include <reelflow/runtime.hpp>

#include <spdlog/spdlog.h>

#include <csignal>
#include <cerrno>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace reelflow {
namespace {

using namespace framework::sandbox;

// SIGINT and SIGTERM cancel the run; SIGUSR1 says that it ended.
sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
  return set;
}

// One whole line on stdout; a write error means the parent is gone and so is the point.
void write_line(const std::string& line) {
  const std::string text = line + "\n";
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

RuntimeOptions runtime_options(const ConfinedRequest& request) {
  RuntimeOptions options;
  options.plugin_paths = request.plugin_dirs;
  options.use_default_plugin_paths = false;  // the parent resolved them; the child may read no others
  options.cache_dir = request.plugin_index_dir;
  options.use_plugin_index = !request.plugin_index_dir.empty();
  return options;
}

bool stdin_is_a_socket() {
  struct stat st {};
  return ::fstat(STDIN_FILENO, &st) == 0 && S_ISSOCK(st.st_mode);
}

// What became of waiting for a request: the request, or the exit code.
struct Waited {
  std::optional<ConfinedRequest> request;
  int exit_code = 0;
};

Waited failed(const std::string& why, int exit_code) {
  std::cerr << "reelflow sandbox-child: " << why << "\n";
  return {std::nullopt, exit_code};
}

ConfinedRequest parse_request(int fd) { return request_from_json(nlohmann::json::parse(read_all(fd))); }

// A warm spare's wait: everything a job needs that does not depend on the job
// is done before it comes. The parent's narrowing is applied before the
// request, with the job's graph and variables, is even parsed. `kept`:
// descriptors the job's rules need open.
Waited wait_as_spare(std::vector<UniqueFd>& kept) {
  framework::ensure_gstreamer_initialized();
  std::optional<HandedJob> job;
  Narrowing narrowing;
  try {
    job = receive_job(STDIN_FILENO);
    if (!job) return {std::nullopt, 0};  // the runtime went away: no job is coming
    narrowing = narrowing_from_json(nlohmann::json::parse(read_all(job->narrowing.get())));
  } catch (const std::exception& e) {
    return failed(std::string("bad narrowing: ") + e.what(), 2);
  }
  kept = std::move(job->kept);
  if (const std::string error = narrow_to_job(narrowing, job->ruleset.get(), kept); !error.empty())
    return failed("cannot narrow the sandbox to the job: " + error, 127);
  job->ruleset.reset();
  try {
    return {parse_request(job->request.get()), 0};
  } catch (const std::exception& e) {
    return failed(std::string("bad request: ") + e.what(), 2);
  }
}

Waited read_request() {
  try {
    return {parse_request(STDIN_FILENO), 0};
  } catch (const std::exception& e) {
    return failed(std::string("bad request: ") + e.what(), 2);
  }
}

}  // namespace

int run_confined_child() {
  // Before any thread exists: the signals are then only ever taken by sigwait below.
  const sigset_t signals = watched_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  adopt_orphaned_descendants();

  std::vector<UniqueFd> kept;  // open until the process ends
  Waited waited = stdin_is_a_socket() ? wait_as_spare(kept) : read_request();
  if (!waited.request) return waited.exit_code;
  const ConfinedRequest& request = *waited.request;
  spdlog::set_level(spdlog::level::from_str(request.log_level));

  Runtime runtime(runtime_options(request));
  for (const auto& f : runtime.plugin_failures()) spdlog::warn("plugin not loaded: {}", f.to_string());
  const LoadedGraph graph = runtime.load_graph_string(
      request.graph_yaml, request.graph_name, request.variables,
      request.environment_allowed ? GraphEnvironment::Process : GraphEnvironment::Forbidden, VariableSource::Runner,
      request.graph_parts, request.graph_dir);
  if (!graph.ok()) {
    // The parent validated this graph: what differs here is the sandbox (e.g. a plugin it could not open).
    RunResult failed;
    failed.run_id = framework::make_run_id();
    failed.outcome = RunOutcome::Failed;
    failed.error = "the confined run could not load the graph: " + first_line(graph.error_text());
    write_line(result_line(failed));
    return failed.exit_code();
  }

  RunHandle run = runtime.start(graph, request.run, [](const Event& e) { write_line(framework::event_to_json(e)); });
  const pthread_t main_thread = ::pthread_self();
  std::thread waiter([&run, main_thread] {
    run.wait();
    ::pthread_kill(main_thread, SIGUSR1);
  });
  for (int signal = 0; signal != SIGUSR1;)
    if (::sigwait(&signals, &signal) == 0 && signal != SIGUSR1) run.cancel();
  waiter.join();
  const RunResult& result = run.wait();
  kill_and_reap_descendants();
  write_line(result_line(result));
  return result.exit_code();
}

}  // namespace reelflow
