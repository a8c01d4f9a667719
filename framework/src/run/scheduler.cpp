#include "cache/segment_cache_key.hpp"
#include "cache/stage_cache.hpp"
#include "cache/stage_cache_key.hpp"
#include "cache/stage_cache_usage.hpp"
#include "graph/value_json.hpp"
#include "run/final_outputs.hpp"
#include "run/pipeline_runner.hpp"
#include "run/scheduler.hpp"
#include "run/secret_redactor.hpp"
#include "run/stage_runner.hpp"
#include "run/video_probe.hpp"
#include "run/work_root.hpp"
#include "stream/segment_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iomanip>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace reelflow::framework {
namespace {

using Clock = std::chrono::steady_clock;

// The shared state of one run, guarded by one mutex.
class RunState {
 public:
  RunState(const ExecutionPlan& plan, const RunOptions& options, EventCallback events, std::string run_id)
      : plan_(plan), options_(options), events_(std::move(events)), run_id_(std::move(run_id)), start_(Clock::now()) {
    const auto n = plan.stages.size();
    outcomes_.resize(n);
    outputs_.resize(n);
    video_feeds_.resize(n);
    probed_videos_.resize(n);
    waiting_on_.resize(n);
    dependents_.resize(n);
    unit_.resize(n);
    // A segment runs as one unit, started by its first stage's index once the
    // values all its stages need are ready.
    for (std::size_t i = 0; i < n; ++i) {
      const auto& node = plan.node_of(plan.stages[i]);
      outcomes_[i].id = node.id;
      outcomes_[i].type = node.type;
      const auto& segment = plan.stages[i].segment;
      unit_[i] = segment ? plan.segments[*segment].stages.front() : i;
    }
    for (std::size_t i = 0; i < n; ++i)
      for (const auto& [port, binding] : plan.stages[i].inputs)
        if (binding.probe_video) video_feeds_[binding.source].insert(binding.source_port);
    for (std::size_t i = 0; i < n; ++i)
      for (auto d : plan.stages[i].dependencies)
        if (unit_[d] != unit_[i]) {
          ++waiting_on_[unit_[i]];
          dependents_[d].push_back(unit_[i]);
        }
    for (auto i : plan.order)
      if (unit_[i] == i) {
        ++remaining_;
        if (waiting_on_[i] == 0) ready_.push_back(i);
      }
  }

  void worker() {
    while (true) {
      std::size_t index;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !ready_.empty() || remaining_ == 0 || stop_.load(); });
        if (stop_.load() || remaining_ == 0 || ready_.empty()) return;
        index = ready_.front();
        ready_.pop_front();
        for (auto member : members_of(index)) {
          outcomes_[member].state = StageState::Running;
          outcomes_[member].started_s = elapsed();
        }
      }
      if (plan_.stages[index].segment) run_segment_unit(index);
      else run_one(index);
    }
  }

  void watch_cancel(const std::atomic<bool>& cancel) {
    std::unique_lock lock(mutex_);
    while (remaining_ > 0 && running_or_ready()) {
      if (cancel.load() && !stop_.load()) {
        cancelled_ = true;
        stop_.store(true);
        changed_.notify_all();
        emit(event(EventKind::RunCancelled));
      }
      changed_.wait_for(lock, std::chrono::milliseconds(50));
    }
  }

  RunResult finish() {
    RunResult result;
    result.run_id = run_id_;
    result.duration_s = elapsed();
    for (auto& o : outcomes_)
      if (o.state == StageState::Pending) o.state = StageState::Skipped;
    result.stages = outcomes_;
    result.error = first_error_;
    result.outcome = cancelled_ ? RunOutcome::Cancelled : first_error_.empty() ? RunOutcome::Succeeded : RunOutcome::Failed;
    for (std::size_t i = 0; i < outputs_.size(); ++i)
      for (auto& [port, value] : outputs_[i]) result.outputs[outcomes_[i].id + "." + port] = std::move(value);
    Event e = event(EventKind::RunFinished);
    e.duration_s = result.duration_s;
    e.message = result.outcome == RunOutcome::Succeeded ? "succeeded" : result.outcome == RunOutcome::Cancelled ? "cancelled" : result.error;
    emit(e);
    return result;
  }

  void emit_run_started() {
    Event e = event(EventKind::RunStarted);
    e.message = plan_.graph.name;
    emit(e);
  }

  const std::string& run_id() const { return run_id_; }
  void set_work_root(std::filesystem::path p) { work_root_ = std::move(p); }
  void set_cache(const StageCache* cache) { cache_ = cache; }

 private:
  bool running_or_ready() const {
    if (!ready_.empty() && !stop_.load()) return true;
    for (const auto& o : outcomes_)
      if (o.state == StageState::Running) return true;
    return false;
  }

  // The stages a unit runs: a segment's stages, or the one stage.
  std::vector<std::size_t> members_of(std::size_t unit) const {
    const auto& segment = plan_.stages[unit].segment;
    return segment ? plan_.segments[*segment].stages : std::vector<std::size_t>{unit};
  }

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  Event event(EventKind kind, std::size_t stage = SIZE_MAX) const {
    Event e;
    e.kind = kind;
    e.run_id = run_id_;
    e.elapsed_s = elapsed();
    e.time = std::chrono::system_clock::now();
    if (stage != SIZE_MAX) {
      e.stage_id = outcomes_[stage].id;
      e.stage_type = outcomes_[stage].type;
    }
    return e;
  }

  void emit(const Event& e) {
    std::lock_guard lock(event_mutex_);
    if (events_) events_(e);
  }

  // A `file` output that feeds a `video` input, probed when the file is made: the video
  // its readers get, or why it is not one (port_fit.hpp, probed_as_video).
  struct ProbedVideo {
    std::optional<Value> video;
    std::string problem;
    std::filesystem::path file;
  };
  using ProbedVideos = std::map<std::string, ProbedVideo>;

  // Probes this stage's outputs that feed a `video` input. Not locked: the discoverer
  // reads the file.
  ProbedVideos probe_video_feeds(std::size_t index, const std::map<std::string, Value>& outputs) const {
    ProbedVideos probed;
    for (const auto& port : video_feeds_[index]) {
      auto it = outputs.find(port);
      const auto* file = it == outputs.end() ? nullptr : std::get_if<FileRef>(&it->second);
      if (!file) continue;  // not set (an optional output): its readers get nothing
      VideoProbe probe = probe_video_file(file->path);
      ProbedVideo& p = probed[port];
      p.file = file->path;
      if (probe.video) p.video = Value{std::move(*probe.video)};
      p.problem = std::move(probe.problem);
    }
    return probed;
  }

  // Why the stage cannot start: a file fed to one of its `video` inputs is not a video. Called locked.
  std::optional<std::string> unfit_video_input(std::size_t index) const {
    const PlannedStage& planned = plan_.stages[index];
    for (const auto& [port, binding] : planned.inputs) {
      if (!binding.probe_video) continue;
      auto it = probed_videos_[binding.source].find(binding.source_port);
      if (it == probed_videos_[binding.source].end() || it->second.video) continue;
      return "input '" + port + "' of stage '" + plan_.node_of(planned).id + "' takes a video but '" +
             outcomes_[binding.source].id + "." + binding.source_port + "' made '" + it->second.file.string() +
             "', which is not a video: " + it->second.problem;
    }
    return std::nullopt;
  }

  StageJob make_job(std::size_t index) {
    const PlannedStage& planned = plan_.stages[index];
    const StageNode& node = plan_.node_of(planned);
    StageJob job;
    job.id = node.id;
    job.type = planned.type;
    job.params = &planned.params;
    job.secrets = planned.secrets;
    job.output_schemas = &planned.output_schemas;
    for (const auto& [port, binding] : planned.inputs) {
      auto& upstream = outputs_[binding.source];
      auto it = upstream.find(binding.source_port);
      job.inputs[port] = it == upstream.end() ? nullptr : &it->second;
      if (binding.probe_video) {
        auto probed = probed_videos_[binding.source].find(binding.source_port);
        if (probed != probed_videos_[binding.source].end() && probed->second.video)
          job.inputs[port] = &*probed->second.video;
      }
    }
    job.work_dir = work_root_ / node.id;
    job.output_dir = options_.output_dir;
    job.cache_dir = options_.cache_dir;
    if (node.retry) {
      job.attempts = node.retry->attempts;
      job.retry_backoff_s = node.retry->backoff_s;
    }
    job.timeout_s = node.timeout_s;
    if (planned.type->spec.can_redo_scenes()) job.redo = options_.redo;
    if (options_.bus_messages)
      job.bus_messages = [this](const BusMessage& message) {
        std::lock_guard lock(bus_mutex_);  // one at a time, as events are
        options_.bus_messages(message);
      };
    return job;
  }

  // The stage's outputs from the stage cache, when an earlier run stored them
  // under the same key; sets `key` when the stage's result may be stored.
  // A stage that redoes scenes gets its entry without the redo as previous_outputs.
  std::optional<StageJobResult> restore_from_cache(std::size_t index, StageJob& job,
                                                   std::optional<std::string>& key) {
    if (!cache_ || !job.type->spec.cacheable()) return std::nullopt;
    try {
      StageKey k = stage_cache_key({job.id, job.type, job.params, &plan_.stages[index].secrets, job.inputs});
      if (k.document && !job.redo.empty()) {
        std::string ignored;
        if (auto previous = cache_->restore(k.key, job.type->spec, ignored)) job.previous_outputs = std::move(*previous);
        k = stage_cache_key({job.id, job.type, job.params, &plan_.stages[index].secrets, job.inputs, &job.redo});
      }
      if (!k.document) {
        spdlog::debug("[{}] not cached: {}", job.id, k.not_cached_because);
        return std::nullopt;
      }
      key = k.key;
      std::string problem;
      auto outputs = cache_->restore(k.key, job.type->spec, problem);
      if (!problem.empty())
        spdlog::warn("[{}] stage cache entry {} is unusable ({}); running the stage", job.id, k.key, problem);
      if (!outputs) return std::nullopt;
      StageJobResult result;
      result.outputs = std::move(*outputs);
      result.attempts = 0;
      return result;
    } catch (const std::exception& e) {
      spdlog::warn("[{}] stage cache lookup failed ({}); running the stage", job.id, e.what());
      return std::nullopt;
    }
  }

  void store_in_cache(const std::string& key, const StageJob& job, const std::map<std::string, Value>& outputs) {
    const auto& plugin = job.type->plugin;
    StageCacheMeta meta{job.id, job.type->name, plugin ? plugin->name : "", plugin ? plugin->version : ""};
    Status stored = Status::ok();
    try {
      stored = cache_->store(key, meta, outputs, job.secrets);
    } catch (const std::exception& e) {
      stored = Status::error(e.what());
    }
    if (!stored) spdlog::warn("[{}] not stored in the stage cache: {}", job.id, stored.message());
  }

  // A stage succeeded (or came from the cache): its outputs feed its dependents. Called locked.
  void succeed(std::size_t index, std::map<std::string, Value> outputs, double duration, bool cached,
               ProbedVideos probed) {
    auto& outcome = outcomes_[index];
    outcome.state = StageState::Succeeded;
    outcome.cached = cached;
    outputs_[index] = std::move(outputs);
    probed_videos_[index] = std::move(probed);
    for (auto d : dependents_[index])
      if (--waiting_on_[d] == 0) ready_.push_back(d);
    Event e = event(EventKind::StageFinished, index);
    e.duration_s = duration;
    if (cached) e.message = "cached";
    emit(e);
  }

  void run_one(std::size_t index) {
    StageJob job;
    std::optional<std::string> unfit;
    {
      std::lock_guard lock(mutex_);
      job = make_job(index);  // reads upstream outputs, which are final by now
      unfit = unfit_video_input(index);
    }
    emit(event(EventKind::StageStarted, index));
    const auto started = Clock::now();
    auto report = [&](EventKind kind, double fraction, const std::string& message) {
      Event e = event(kind, index);
      e.progress = fraction;
      e.message = message;
      emit(e);
    };
    std::optional<std::string> key;
    std::optional<StageJobResult> restored;
    if (unfit) {
      restored = StageJobResult{Status::error(*unfit), {}, 0};
    } else {
      restored = restore_from_cache(index, job, key);
    }
    const bool cached = restored.has_value() && !unfit;
    auto emitted = [&](const std::string& port, const Value& value) {
      Event e = event(EventKind::StageOutput, index);
      e.port = port;
      e.value_json = redact(value_to_json(value).dump(), plan_.stages[index].secrets);
      emit(e);
    };
    StageJobResult result = restored ? std::move(*restored) : run_stage_job(job, stop_, report, emitted);
    // Stored before the stage counts as finished, so a run killed after that reuses it.
    if (!cached && result.status && key) store_in_cache(*key, job, result.outputs);
    ProbedVideos probed = result.status ? probe_video_feeds(index, result.outputs) : ProbedVideos{};
    const double duration = std::chrono::duration<double>(Clock::now() - started).count();

    std::lock_guard lock(mutex_);
    auto& outcome = outcomes_[index];
    outcome.duration_s = duration;
    outcome.attempts = result.attempts;
    if (result.status) {
      succeed(index, std::move(result.outputs), duration, cached, std::move(probed));
    } else {
      // A stage that fails after the run was stopped was stopped, not broken.
      const bool was_stopped = stop_.load();
      outcome.state = was_stopped ? StageState::Cancelled : StageState::Failed;
      outcome.error = result.status.message();
      if (!was_stopped && first_error_.empty())
        first_error_ = "stage '" + outcome.id + "' (" + outcome.type + "): " + outcome.error;
      Event e = event(was_stopped ? EventKind::StageCancelled : EventKind::StageFailed, index);
      e.duration_s = duration;
      e.message = outcome.error;
      emit(e);
      if (!was_stopped && continues_on_error(index)) skip_dependents_of(index, index);
      else stop_.store(true);  // one failure stops the run
    }
    --remaining_;
    changed_.notify_all();
  }

  // A segment's results from the stage cache, all members or none
  // (cache/segment_cache_key.hpp); sets `keys` when they may be stored. A segment
  // with a host's tap is never cached: the host wants the stream itself.
  std::optional<std::vector<StageJobResult>> restore_segment_from_cache(const std::vector<std::size_t>& members,
                                                                        const SegmentJob& job,
                                                                        std::vector<std::string>& keys) {
    if (!cache_ || !job.attachments.empty()) return std::nullopt;
    try {
      std::vector<std::string> ids;
      std::vector<StageKey> member_keys;
      for (std::size_t m = 0; m < members.size(); ++m) {
        const StageJob& sj = job.members[m];
        if (!sj.type->spec.cacheable()) return std::nullopt;
        ids.push_back(sj.id);
        member_keys.push_back(stage_cache_key({sj.id, sj.type, sj.params, &plan_.stages[members[m]].secrets, sj.inputs}));
      }
      std::vector<SegmentEdgeIdentity> edges;
      for (const auto& e : job.edges)
        edges.push_back({ids[e.from], e.from_port, ids[e.to], e.to_port, e.queue.max_time_ms, e.queue.max_buffers,
                         e.queue.leaky != QueueLeaky::None});
      SegmentMemberKeys k = segment_member_keys(ids, member_keys, edges);
      if (k.keys.empty()) {
        spdlog::debug("[{}] not cached: {}", job.name, k.not_cached_because);
        return std::nullopt;
      }
      keys = k.keys;
      std::vector<StageJobResult> restored;
      for (std::size_t m = 0; m < members.size(); ++m) {
        std::string problem;
        auto outputs = cache_->restore(keys[m], job.members[m].type->spec, problem);
        if (!problem.empty())
          spdlog::warn("[{}] stage cache entry {} is unusable ({}); running the segment", ids[m], keys[m], problem);
        if (!outputs) return std::nullopt;
        StageJobResult result;
        result.outputs = std::move(*outputs);
        result.attempts = 0;
        restored.push_back(std::move(result));
      }
      return restored;
    } catch (const std::exception& e) {
      spdlog::warn("[{}] stage cache lookup failed ({}); running the segment", job.name, e.what());
      return std::nullopt;
    }
  }

  // A segment: its stream stages fused into one pipeline (stream/segment_runner.hpp).
  void run_segment_unit(std::size_t unit) {
    const auto members = members_of(unit);
    SegmentJob job;
    std::optional<std::pair<std::size_t, std::string>> unfit;  // a member and why it cannot start
    {
      std::lock_guard lock(mutex_);
      job = segment_job(plan_.segments[*plan_.stages[unit].segment], [&](std::size_t s) { return make_job(s); });
      for (std::size_t m = 0; m < members.size() && !unfit; ++m)
        if (auto why = unfit_video_input(members[m])) unfit.emplace(m, *why);
      for (const auto& tap : options_.stream_taps)
        for (std::size_t m = 0; m < members.size(); ++m)
          if (outcomes_[members[m]].id == tap.stage) {
            job.attachments.push_back({m, tap.port, tap.element});
            job.members[m].connected_streams.insert(tap.port);
          }
    }
    for (auto s : members) emit(event(EventKind::StageStarted, s));
    const auto started = Clock::now();
    SegmentCallbacks callbacks;
    callbacks.report = [&](std::size_t m, EventKind kind, double fraction, const std::string& message) {
      Event e = event(kind, members[m]);
      e.progress = fraction;
      e.message = redact(message, plan_.stages[members[m]].secrets);
      emit(e);
    };
    callbacks.emitted = [&](std::size_t m, const std::string& port, const Value& value) {
      Event e = event(EventKind::StageOutput, members[m]);
      e.port = port;
      e.value_json = redact(value_to_json(value).dump(), plan_.stages[members[m]].secrets);
      emit(e);
    };
    callbacks.stats = [&](std::size_t m, const StreamStats& stats) {
      Event e = event(EventKind::StageStats, members[m]);
      e.stats = stats;
      emit(e);
    };
    std::vector<std::string> keys;
    auto restored = unfit ? std::nullopt : restore_segment_from_cache(members, job, keys);
    const bool cached = restored.has_value();
    SegmentResult result;
    if (unfit) {
      result.members.assign(members.size(), StageJobResult{Status::error("not started: " + unfit->second), {}, 0});
      result.members[unfit->first].status = Status::error(unfit->second);
      result.failed = unfit->first;
    } else if (cached) {
      result.members = std::move(*restored);
    } else {
      result = run_segment(job, stop_, callbacks);
      // Stored before the stages count as finished, so a run killed after that reuses them.
      const bool all_succeeded = std::all_of(result.members.begin(), result.members.end(),
                                             [](const StageJobResult& r) { return bool(r.status); });
      if (all_succeeded && !keys.empty())
        for (std::size_t m = 0; m < members.size(); ++m) store_in_cache(keys[m], job.members[m], result.members[m].outputs);
    }
    std::vector<ProbedVideos> probed(members.size());
    for (std::size_t m = 0; m < members.size(); ++m)
      if (result.members[m].status) probed[m] = probe_video_feeds(members[m], result.members[m].outputs);
    const double duration = std::chrono::duration<double>(Clock::now() - started).count();

    std::lock_guard lock(mutex_);
    const bool cancelled = result.stopped && !result.failed;
    for (std::size_t m = 0; m < members.size(); ++m) {
      const auto index = members[m];
      auto& outcome = outcomes_[index];
      auto& member = result.members[m];
      outcome.duration_s = duration;
      outcome.attempts = cached ? 0 : 1;
      if (member.status) {
        succeed(index, std::move(member.outputs), duration, cached, std::move(probed[m]));
        continue;
      }
      const bool at_fault = result.failed && *result.failed == m;
      outcome.state = at_fault && !cancelled ? StageState::Failed : StageState::Cancelled;
      outcome.error = member.status.message();
      if (outcome.state == StageState::Failed && first_error_.empty() && !stop_.load())
        first_error_ = "stage '" + outcome.id + "' (" + outcome.type + "): " + outcome.error;
      Event e = event(outcome.state == StageState::Failed ? EventKind::StageFailed : EventKind::StageCancelled, index);
      e.duration_s = duration;
      e.message = outcome.error;
      emit(e);
    }
    if (result.failed && !cancelled && continues_on_error(members[*result.failed])) {
      for (auto member : members)
        if (outcomes_[member].state != StageState::Succeeded) skip_dependents_of(member, members[*result.failed]);
    } else if (result.failed) {
      stop_.store(true);
    }
    --remaining_;
    changed_.notify_all();
  }

  bool continues_on_error(std::size_t index) const { return plan_.node_of(plan_.stages[index]).on_error == OnError::Continue; }

  // A stage did not succeed and the run goes on (on_error: continue on `cause`):
  // every unit that needs it, by data or by `after`, directly or not, will never
  // start. Called locked.
  void skip_dependents_of(std::size_t stage, std::size_t cause) {
    std::deque<std::size_t> todo(dependents_[stage].begin(), dependents_[stage].end());
    while (!todo.empty()) {
      const auto unit = todo.front();
      todo.pop_front();
      if (outcomes_[unit].state != StageState::Pending) continue;
      for (auto member : members_of(unit)) {
        outcomes_[member].state = StageState::Skipped;
        outcomes_[member].error = "not run: stage '" + outcomes_[cause].id + "' failed";
        todo.insert(todo.end(), dependents_[member].begin(), dependents_[member].end());
      }
      --remaining_;
    }
  }

  const ExecutionPlan& plan_;
  const RunOptions& options_;
  EventCallback events_;
  std::string run_id_;
  Clock::time_point start_;
  std::filesystem::path work_root_;
  const StageCache* cache_ = nullptr;  // null: --no-cache

  std::mutex mutex_;
  std::mutex event_mutex_;  // events leave one at a time, in order
  std::mutex bus_mutex_;    // so do bus messages
  std::condition_variable changed_;
  std::atomic<bool> stop_{false};
  bool cancelled_ = false;
  std::string first_error_;
  std::deque<std::size_t> ready_;
  std::size_t remaining_ = 0;
  std::vector<std::size_t> waiting_on_;
  std::vector<std::vector<std::size_t>> dependents_;  // per stage: the units waiting on it
  std::vector<std::size_t> unit_;                     // per stage: the unit that runs it
  std::vector<StageOutcome> outcomes_;
  std::vector<std::map<std::string, Value>> outputs_;
  std::vector<std::set<std::string>> video_feeds_;  // per stage: its outputs that feed a `video` input as a file
  std::vector<ProbedVideos> probed_videos_;         // per stage: those outputs, probed
};

// A host's taps must name a stream port: an output, or an input nothing in the graph feeds.
std::string check_stream_taps(const ExecutionPlan& plan, const std::vector<StreamTap>& taps) {
  for (const auto& tap : taps) {
    const std::string where = "stream tap on '" + tap.stage + "." + tap.port + "': ";
    if (!tap.element) return where + "no element";
    const PlannedStage* stage = nullptr;
    for (const auto& s : plan.stages)
      if (plan.node_of(s).id == tap.stage) stage = &s;
    if (!stage) return where + "the graph has no stage '" + tap.stage + "'";
    const PortSpec* out = stage->type->spec.find_output(tap.port);
    const PortSpec* in = stage->type->spec.find_input(tap.port);
    if (out && out->is_stream()) continue;
    if (in && in->is_stream() && !stage->inputs.count(tap.port)) continue;
    if (in && in->is_stream()) return where + "that input is already fed by the graph";
    return where + "not a stream port of stage '" + tap.stage + "' (" + stage->type->name + ")";
  }
  // An input the graph leaves to the host must get the host's element.
  for (const auto& s : plan.stages)
    for (const auto& host_input : plan.node_of(s).host_inputs) {
      const std::string& id = plan.node_of(s).id;
      const std::string& port = host_input.first;
      if (std::none_of(taps.begin(), taps.end(), [&](const StreamTap& t) { return t.stage == id && t.port == port; }))
        return "'" + id + "." + port + "' is fed by the host (host: true) but the run has no stream tap on it";
    }
  return "";
}

}  // namespace

std::string make_run_id() {
  const auto now = std::chrono::system_clock::now();
  const auto t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::random_device rd;
  std::ostringstream id;
  id << std::put_time(&tm, "%Y%m%dT%H%M%S") << "-" << std::hex << std::setw(6) << std::setfill('0') << (rd() & 0xffffff);
  return id.str();
}

Scheduler::Scheduler(const ExecutionPlan& plan, RunOptions options, EventCallback events)
    : plan_(plan), options_(std::move(options)), events_(std::move(events)) {}

RunResult Scheduler::run(const std::atomic<bool>& cancel) {
  ensure_gstreamer_initialized();
  if (options_.cache_dir.empty()) options_.cache_dir = default_cache_dir();
  RunState state(plan_, options_, events_, make_run_id());
  std::error_code ec;
  std::filesystem::create_directories(options_.output_dir, ec);
  if (ec) {
    RunResult failed;
    failed.outcome = RunOutcome::Failed;
    failed.error = "cannot create output directory '" + options_.output_dir.string() + "': " + ec.message();
    return failed;
  }
  if (std::string problem = check_stream_taps(plan_, options_.stream_taps); !problem.empty()) {
    RunResult failed;
    failed.outcome = RunOutcome::Failed;
    failed.error = problem;
    return failed;
  }
  std::filesystem::create_directories(options_.cache_dir, ec);
  std::optional<StageCache> cache;
  if (options_.use_cache) {
    cache.emplace(options_.cache_dir, options_.output_dir);
    state.set_cache(&*cache);
  }
  // What runs killed in this output dir left behind (their locks are free now).
  WorkRoot::remove_abandoned(options_.output_dir);
  WorkRoot work_root(options_.output_dir, state.run_id());
  state.set_work_root(work_root.path());
  state.emit_run_started();

  const unsigned threads = std::max(1u, std::min<unsigned>(options_.jobs, static_cast<unsigned>(plan_.stages.size())));
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) workers.emplace_back([&] { state.worker(); });
  state.watch_cancel(cancel);
  for (auto& w : workers) w.join();

  work_root.finish(options_.keep_work);
  RunResult result = state.finish();
  keep_final_outputs(result, options_.output_dir, options_.keep_work);
  if (cache && options_.cache_max_bytes > 0) {
    const auto removed = trim_stage_cache(options_.cache_dir, options_.cache_max_bytes);
    if (removed.entries > 0)
      spdlog::info("stage cache: removed {} least recently used entries ({} bytes) to stay under {} bytes",
                   removed.entries, removed.bytes, options_.cache_max_bytes);
  }
  return result;
}

}  // namespace reelflow::framework
