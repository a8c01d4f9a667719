#include "sandbox/confined_run.hpp"

#include "run/work_root.hpp"
#include "sandbox/child_environment.hpp"
#include "sandbox/child_limits.hpp"
#include "sandbox/child_process.hpp"
#include "sandbox/child_program.hpp"
#include "sandbox/child_sandbox.hpp"
#include "sandbox/line_buffer.hpp"
#include "sandbox/pipe.hpp"
#include "sandbox/request_file.hpp"
#include "sandbox/run_tracker.hpp"
#include "sandbox/spare.hpp"
#include "sandbox/termination.hpp"

#include "run/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace reelflow::framework::sandbox {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxEventLine = 64u << 20;  // a result with long texts fits
constexpr std::size_t kMaxErrorLine = 64u << 10;
constexpr std::size_t kMaxErrorQuote = 300;       // of the child's last stderr line, in a message
constexpr int kPollMs = 50;

std::runtime_error system_error(const std::string& what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

fs::path absolute_normal(const fs::path& p) { return fs::absolute(p).lexically_normal(); }

class ConfinedRun {
 public:
  ConfinedRun(ConfinedRunSpec spec, const std::atomic<bool>& cancel, const EventCallback& events)
      : spec_(std::move(spec)), cancel_(cancel), events_(events) {}

  RunResult run() {
    std::optional<WorkRoot> scratch;
    RunResult result;
    try {
      prepare_dirs(scratch);
      result = supervise(start(scratch->path()));
    } catch (const std::exception& e) {
      result = without_result(RunOutcome::Failed, std::string("cannot start the confined run: ") + e.what());
    }
    if (scratch) scratch->finish(spec_.request.run.keep_work);
    return result;
  }

 private:
  // Absolute paths (the child may not share this process's idea of them) and the dirs the rules name.
  void prepare_dirs(std::optional<WorkRoot>& scratch) {
    RunOptions& run = spec_.request.run;
    run.output_dir = absolute_normal(run.output_dir);
    run.cache_dir = absolute_normal(run.cache_dir.empty() ? default_cache_dir() : run.cache_dir);
    for (auto& dir : spec_.request.plugin_dirs) dir = absolute_normal(dir);
    if (!spec_.request.plugin_index_dir.empty())
      spec_.request.plugin_index_dir = absolute_normal(spec_.request.plugin_index_dir);
    fs::create_directories(run.output_dir);
    fs::create_directories(run.cache_dir / "gstreamer-1.0");
    fs::create_directories(run.cache_dir / "home");
    // The child's TMPDIR: locked like a run's work dir, so a later run in this
    // output dir removes it if this process is killed outright.
    scratch.emplace(run.output_dir, "sandbox-" + make_run_id());
    fs::create_directories(scratch->path() / "tmp");
  }

  std::unique_ptr<ChildProcess> start(const fs::path& scratch) {
    const Confinement& c = spec_.confinement;
    const fs::path program = fs::canonical(c.child_program.empty() ? default_child_program() : c.child_program);
    const RunOptions& run = spec_.request.run;
    const SpareShape shape{{program, spec_.request.plugin_dirs, spec_.request.plugin_index_dir, run.output_dir,
                            run.cache_dir, spec_.needs.read_paths},
                           child_limits(c),
                           environment({})};
    limits_ = shape.limits;
    const ChildSandbox sandbox({shape.access, spec_.needs.network && c.network == Confinement::Network::AsGraphNeeds,
                                shape.limits, environment(scratch / "tmp")});
    if (spec_.spares) {
      std::unique_ptr<Spare> spare = spec_.spares->take(shape);
      spec_.spares->replenish(spare_shape(shape));  // started while this job runs
      if (spare)
        if (auto process = hand_over(*spare, spec_.request, sandbox)) {
          out_ = std::move(spare->out);
          err_ = std::move(spare->err);
          return process;
        }
    }
    return start_cold(program, sandbox);
  }

  std::unique_ptr<ChildProcess> start_cold(const fs::path& program, const ChildSandbox& sandbox) {
    UniqueFd request = request_file(spec_.request);
    Pipe out = make_pipe();
    Pipe err = make_pipe();
    ChildSpec child;
    child.program = program.string();
    child.argv = {program.string(), "sandbox-child"};
    sandbox.apply_to(child);
    child.stdin_fd = request.get();
    child.stdout_fd = out.write.get();
    child.stderr_fd = err.write.get();
    auto process = std::make_unique<ChildProcess>(child);
    out_ = std::move(out.read);
    err_ = std::move(err.read);
    return process;
  }

  // The child's environment; `tmp` empty: a spare's, before its job.
  std::vector<std::string> environment(const fs::path& tmp) const {
    const fs::path& cache = spec_.request.run.cache_dir;
    const ChildEnvironmentInputs inputs{cache / "home", tmp, cache, tmp.empty() ? std::set<std::string>{}
                                                                                : spec_.needs.environment_names};
    return child_environment(inputs, [](const char* name) { return std::getenv(name); });
  }

  // The next spare: this job's shape, writing beneath the spare output root
  // (by default this job's output dir's parent) instead of this job's output dir.
  SpareShape spare_shape(SpareShape shape) const {
    const fs::path& root = spec_.confinement.spare_output_root;
    shape.access.output_dir = root.empty() ? shape.access.output_dir.parent_path() : absolute_normal(root);
    return shape;
  }

  RunResult supervise(std::unique_ptr<ChildProcess> child) {
    bool cancelled = false, killed = false;
    std::optional<Clock::time_point> kill_at;
    for (;;) {
      pollfd fds[] = {{out_.get(), POLLIN, 0}, {err_.get(), POLLIN, 0}, {child->exit_fd(), POLLIN, 0}};
      if (::poll(fds, 3, kPollMs) < 0 && errno != EINTR) throw system_error("poll");
      drain();
      if (fds[2].revents & POLLIN) break;
      const auto now = Clock::now();
      if (cancel_.load() && !cancelled) {
        child->signal_group(SIGTERM);  // the child cancels its stages and removes its temp files
        cancelled = true;
        kill_at = now + spec_.confinement.cancel_grace;
      }
      // A child that sent its result has nothing left to do but exit.
      if (result_ && !kill_at) kill_at = now + spec_.confinement.cancel_grace;
      if (kill_at && !killed && now >= *kill_at) {
        child->signal_group(SIGKILL);
        killed = true;
      }
    }
    drain();  // what the child wrote before it ended is all in the pipes now
    const int status = child->wait();
    return finish(status, cancelled, killed);
  }

  RunResult finish(int status, bool cancelled, bool killed) {
    if (result_) {
      if (!WIFEXITED(status) || WEXITSTATUS(status) != result_->exit_code())
        spdlog::warn("confined run {}: the child ended with wait status {:#x} after sending its result", result_->run_id,
                     status);
      return std::move(*result_);
    }
    if (cancelled)
      return without_result(RunOutcome::Cancelled,
                            killed ? "the run did not stop within " +
                                         std::to_string(spec_.confinement.cancel_grace.count()) +
                                         " ms of the cancel and was killed"
                                   : "");
    return without_result(RunOutcome::Failed,
                          termination_message(tracker_.running(), status, limits_in_effect(limits_), last_error_line_));
  }

  // The result (and the closing events) of a child that sent no result.
  RunResult without_result(RunOutcome outcome, const std::string& error) {
    RunResult result = tracker_.ended_without_result(outcome, error);
    if (events_)
      for (const Event& e : tracker_.closing_events(result)) events_(e);
    return result;
  }

  void drain() {
    read_available(out_, events_buffer_, [this](std::string_view line) { on_child_line(line); });
    read_available(err_, errors_buffer_, [this](std::string_view line) { on_error_line(line); });
  }

  template <class OnLine> void read_available(UniqueFd& fd, LineBuffer& buffer, OnLine on_line) {
    char chunk[65536];
    while (fd) {
      const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
      if (n > 0) buffer.append(std::string_view(chunk, static_cast<std::size_t>(n)), on_line);
      else if (n == 0) fd.reset();  // every writer is gone
      else if (errno != EINTR) return;  // EAGAIN: nothing more now
    }
  }

  void on_child_line(std::string_view line) {
    try {
      if (line.starts_with("{\"result\"")) {
        result_ = result_from_json(nlohmann::json::parse(line));
        return;
      }
      const Event event = event_from_json(std::string(line));
      tracker_.on_event(event);
      if (events_) events_(event);
    } catch (const std::exception& e) {
      spdlog::warn("confined run: ignored a line from the child: {}", e.what());
    }
  }

  // The child's log and diagnostics go on to this process's stderr.
  void on_error_line(std::string_view line) {
    const std::string text = std::string(line) + "\n";
    const ssize_t written = ::write(STDERR_FILENO, text.data(), text.size());
    (void)written;  // a lost log line is not a failure of the run
    if (!line.empty()) last_error_line_ = std::string(line.substr(0, kMaxErrorQuote));
  }

  ConfinedRunSpec spec_;
  const std::atomic<bool>& cancel_;
  const EventCallback& events_;
  std::vector<ResourceLimit> limits_;
  UniqueFd out_, err_;
  LineBuffer events_buffer_{kMaxEventLine};
  LineBuffer errors_buffer_{kMaxErrorLine};
  RunTracker tracker_;
  std::optional<RunResult> result_;
  std::string last_error_line_;
};

}  // namespace

RunResult run_confined(ConfinedRunSpec spec, const std::atomic<bool>& cancel, const EventCallback& events) {
  return ConfinedRun(std::move(spec), cancel, events).run();
}

}  // namespace reelflow::framework::sandbox
