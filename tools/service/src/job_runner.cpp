#include "job_runner.hpp"

#include "job_event_publisher.hpp"
#include "job_store.hpp"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <random>
#include <thread>
#include <unistd.h>

namespace reelflow::service {
namespace {

namespace fs = std::filesystem;

std::string new_lease() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  return buf;
}

// Every regular file the run left in its output dir (not its work dir), flushed
// to disk before the job is acknowledged. Symlinks are neither listed nor
// followed: a job could point one anywhere on this machine.
std::vector<std::string> store_outputs(const fs::path& dir) {
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    const fs::file_type type = it->symlink_status().type();
    if (type == fs::file_type::directory && it->path().filename().string().starts_with(".reelflow")) {
      it.disable_recursion_pending();
      continue;
    }
    if (type != fs::file_type::regular) continue;
    const int fd = ::open(it->path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;  // replaced (by a link?) since it was listed
    ::fsync(fd);
    ::close(fd);
    files.push_back(fs::relative(it->path(), dir).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void remove_quietly(const fs::path& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// The first line of a multi-line validation report, plus how many more there are.
std::string summarize(const std::string& text) {
  const auto eol = text.find('\n');
  if (eol == std::string::npos || eol + 1 >= text.size()) return text.substr(0, eol);
  const auto more = std::count(text.begin() + eol + 1, text.end(), '\n');
  return text.substr(0, eol) + " (+" + std::to_string(more) + " more)";
}

}  // namespace

JobRunner::Stop JobRunner::supervise(RunHandle& run, const Delivery& delivery, const std::string& lease,
                                     std::chrono::seconds timeout) {
  const auto started = std::chrono::steady_clock::now();
  const auto heartbeat = std::max(std::chrono::milliseconds(100), options_.claim_idle / 4);
  auto next_heartbeat = started + heartbeat;
  Stop stop = Stop::None;
  bool cancel_sent = false;
  while (!run.finished()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto now = std::chrono::steady_clock::now();
    if (stop == Stop::None) {
      if (stopping_.load()) stop = Stop::Released;
      else if (now - started > timeout) stop = Stop::TimedOut;
    }
    // The lease is renewed until the run has wound down, also after a cancel:
    // a run that takes a while to stop must not look like a dead worker's.
    if (stop != Stop::Lost && now >= next_heartbeat) {
      next_heartbeat = now + heartbeat;
      try {
        const Lease held = queue_.keep_alive(delivery, lease);
        if (held == Lease::Lost) stop = Stop::Lost;
        else if (held == Lease::CancelRequested && stop == Stop::None) stop = Stop::Cancelled;
      } catch (const RedisError& e) {
        spdlog::warn("job {}: lease not renewed: {}", delivery.job_id, e.what());  // keep running; Redis may come back
      }
    }
    if (stop != Stop::None && !cancel_sent) {
      run.cancel();
      cancel_sent = true;
    }
  }
  return stop;
}

bool JobRunner::run(const Delivery& delivery) {
  const std::string lease = new_lease();
  const BeginResult begin = queue_.begin(delivery, lease);
  if (begin.kind == BeginResult::Kind::DeadLettered) {
    spdlog::warn("job {}: dead-lettered: {}", delivery.job_id, begin.detail);
    return false;
  }
  if (begin.kind != BeginResult::Kind::Run) {
    spdlog::info("job {}: skipped ({})", delivery.job_id, begin.detail);
    return false;
  }
  auto job = JobStore(redis_, options_.keys).get(delivery.job_id);
  if (!job) return false;
  spdlog::info("job {}: attempt {} on {}", job->id, begin.attempt, queue_.consumer());

  const fs::path relative_dir = fs::path("jobs") / job->id / (std::to_string(begin.attempt) + "-" + lease.substr(0, 8));
  const fs::path output_dir = options_.data_dir / relative_dir;
  // A job has one lease at a time: other attempt dirs are from attempts that died
  // or lost their lease, and their partial files must not outlive them.
  std::vector<fs::path> stale;
  if (std::error_code ec; fs::is_directory(output_dir.parent_path(), ec))
    for (const auto& entry : fs::directory_iterator(output_dir.parent_path(), ec)) stale.push_back(entry.path());
  for (const auto& dir : stale) remove_quietly(dir);

  LoadedGraph graph = runtime_.load_graph_string(job->graph_yaml, job->graph + ".yaml", job->variables,
                                                 graph_environment(*job), VariableSource::Job, job->graph_parts,
                                                 graph_dir_of(*job));
  if (!graph.ok()) {
    queue_.finish(delivery, lease, JobOutcome::FailedFinal, "invalid graph: " + summarize(graph.error_text()));
    return true;
  }

  auto publisher = std::make_shared<JobEventPublisher>(redis_.endpoint(), options_.keys, job->id);
  RunOptions run_options;
  run_options.output_dir = output_dir;
  run_options.cache_dir = options_.cache_dir;
  run_options.cache_max_bytes = options_.cache_max_bytes;
  run_options.redo = job->redo;
  if (options_.stage_jobs > 0) run_options.jobs = options_.stage_jobs;
  EventCallback publish = [publisher, &stats = stats_, id = job->id](const Event& e) {
    stats.on_event(id, e);
    publisher->publish(e);
  };
  Confinement confinement = options_.confinement;
  // Every attempt's output dir is beneath <data-dir>/jobs: one warm spare fits them all.
  if (confinement.spare_output_root.empty()) confinement.spare_output_root = options_.data_dir / "jobs";
  RunHandle run = options_.no_sandbox ? runtime_.start(graph, run_options, std::move(publish))
                                      : runtime_.start_confined(graph, run_options, confinement, std::move(publish));

  auto timeout = options_.job_timeout;
  if (job->timeout_s > 0) timeout = std::min(timeout, std::chrono::seconds(job->timeout_s));
  const Stop stop = supervise(run, delivery, lease, timeout);
  const RunResult& result = run.wait();

  JobOutcome outcome = JobOutcome::Failed;
  std::string error;
  std::vector<std::string> outputs;
  switch (stop) {
    case Stop::Lost:
      spdlog::warn("job {}: another worker took it over; this attempt's outputs are discarded", job->id);
      remove_quietly(output_dir);
      return true;
    case Stop::Released: outcome = JobOutcome::Released; break;
    case Stop::Cancelled: outcome = JobOutcome::Cancelled; break;
    case Stop::TimedOut:
      error = "timed out after " + std::to_string(timeout.count()) + " s";
      break;
    case Stop::None:
      if (result.outcome == RunOutcome::Succeeded) {
        outcome = JobOutcome::Succeeded;
        outputs = store_outputs(output_dir);
      } else {
        error = result.error.empty() ? "the run was cancelled" : result.error;
      }
      break;
  }
  const bool recorded = queue_.finish(delivery, lease, outcome, error, relative_dir.generic_string(), outputs);
  if (!recorded || outcome != JobOutcome::Succeeded) remove_quietly(output_dir);
  if (!recorded) spdlog::warn("job {}: lease lost before the outcome was recorded; outputs discarded", job->id);
  else spdlog::info("job {}: {}{}", job->id, outcome == JobOutcome::Succeeded ? "succeeded" : "ended",
                    error.empty() ? "" : ": " + error);
  return true;
}

}  // namespace reelflow::service
