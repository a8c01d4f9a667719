// `reelflow batch`: one video per line of a topic file, a few runs at a time.
#include "batch_folder_name.hpp"
#include "batch_summary.hpp"
#include "commands.hpp"
#include "signal_watcher.hpp"
#include "topic_list.hpp"
#include "variable_assignments.hpp"

#include <reelflow/runtime.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

namespace reelflow::cli {
namespace {

constexpr const char* kTopicVariable = "topic";

// Each topic's graph, loaded with its line as `topic` so the variable's own rules
// (length, pattern) judge it; a refused line is reported with its number.
bool load_topic_graphs(const Runtime& runtime, const BatchCommandOptions& options,
                       const std::map<std::string, std::string>& variables, const std::vector<TopicLine>& topics,
                       std::vector<LoadedGraph>& graphs) {
  std::ostringstream errors;
  for (const auto& topic : topics) {
    auto with_topic = variables;
    with_topic[kTopicVariable] = topic.text;
    LoadedGraph graph = runtime.load_graph_file(options.graph, with_topic);
    if (!graph.ok())
      for (const auto& d : graph.diagnostics())
        errors << options.topics.string() << ":" << topic.line << ": error: topic refused: " << d.message
               << (d.expected.empty() ? "" : " (" + d.expected + ")") << "\n";
    graphs.push_back(std::move(graph));
  }
  std::cerr << errors.str();
  return errors.str().empty();
}

// The video a run made: the longest VideoFile among its outputs (the MP4, not a preview).
void record_video(const RunResult& result, BatchItem& item) {
  for (const auto& [name, value] : result.outputs)
    if (const auto* video = std::get_if<VideoFile>(&value); video && video->duration_s >= item.length_s) {
      item.length_s = video->duration_s;
      item.video = video->path;
    }
}

class BatchRun {
 public:
  BatchRun(const Runtime& runtime, const BatchCommandOptions& options, std::vector<LoadedGraph> graphs,
           std::vector<BatchItem>& items)
      : runtime_(runtime), options_(options), graphs_(std::move(graphs)), items_(items) {}

  // Runs every topic, at most options.jobs at once; false when cancelled.
  bool run() {
    const std::size_t workers = std::min<std::size_t>(options_.jobs, items_.size());
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < workers; ++w) threads.emplace_back([this] { work(); });
    {
      SignalWatcher watcher([this] { cancel(); });
      for (auto& t : threads) t.join();
    }
    return !cancelled_;
  }

 private:
  void work() {
    for (std::size_t i = next_++; i < items_.size() && !cancelled_; i = next_++) run_item(i);
  }

  void run_item(std::size_t i) {
    BatchItem& item = items_[i];
    RunOptions run_options;
    run_options.output_dir = options_.output_dir / item.folder;
    run_options.cache_dir = options_.cache_dir;  // one stage cache for the whole batch
    run_options.use_cache = !options_.no_cache;
    run_options.jobs = options_.stage_jobs > 0 ? options_.stage_jobs
                                               : std::max(1u, std::thread::hardware_concurrency() / options_.jobs);
    report("line " + std::to_string(item.line) + " started: " + item.topic);
    RunHandle run = runtime_.start(graphs_[i], run_options);
    {
      std::lock_guard lock(mutex_);
      running_.push_back(&run);
    }
    const RunResult& result = run.wait();
    std::lock_guard lock(mutex_);
    std::erase(running_, &run);
    if (result.outcome == RunOutcome::Succeeded) {
      item.status = BatchItem::Status::Done;
      record_video(result, item);
    } else {
      item.status = result.outcome == RunOutcome::Cancelled ? BatchItem::Status::Cancelled : BatchItem::Status::Failed;
      item.error = result.outcome == RunOutcome::Cancelled ? "cancelled" : result.error;
      failed_ += item.status == BatchItem::Status::Failed;
      std::error_code ignored;
      std::filesystem::remove(run_options.output_dir, ignored);  // only when the run left it empty
    }
    ++finished_;
    std::cerr << "batch: " << finished_ << "/" << items_.size() << " done, " << failed_ << " failed"
              << (item.status == BatchItem::Status::Failed ? " (line " + std::to_string(item.line) + ": " + item.error + ")" : "")
              << std::endl;
  }

  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    for (RunHandle* run : running_) run->cancel();
  }

  void report(const std::string& line) {
    std::lock_guard lock(mutex_);
    std::cerr << "batch: " << line << std::endl;
  }

  const Runtime& runtime_;
  const BatchCommandOptions& options_;
  std::vector<LoadedGraph> graphs_;
  std::vector<BatchItem>& items_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;  // running_, counts, item results, stderr
  std::vector<RunHandle*> running_;
  std::size_t finished_ = 0;
  std::size_t failed_ = 0;
};

}  // namespace

int run_batch(const CommonOptions& common, const BatchCommandOptions& options) {
  auto variables = parse_assignments(options.set);
  if (!variables) return kExitInvalidInput;
  if (variables->count(kTopicVariable)) {
    std::cerr << "reelflow: error: --set topic: a batch sets topic from each line of " << options.topics.string() << "\n";
    return kExitInvalidInput;
  }
  std::string errors;
  const auto topics = read_topic_list(options.topics, errors);
  if (!topics) {
    std::cerr << errors;
    return kExitInvalidInput;
  }

  Runtime runtime(RuntimeOptions{.plugin_paths = common.plugin_paths, .cache_dir = options.cache_dir});
  for (const auto& f : runtime.plugin_failures()) spdlog::warn("plugin not loaded: {}", f.to_string());
  std::vector<LoadedGraph> graphs;
  if (!load_topic_graphs(runtime, options, *variables, *topics, graphs)) return kExitInvalidInput;

  std::vector<BatchItem> items;
  for (const auto& topic : *topics) {
    BatchItem item;
    item.line = topic.line;
    item.topic = topic.text;
    item.folder = batch_folder_name(topic.line, topic.text);
    items.push_back(std::move(item));
  }
  std::cerr << "batch: " << items.size() << " topics, " << options.jobs << " at a time, into "
            << options.output_dir.string() << std::endl;
  const bool completed = BatchRun(runtime, options, std::move(graphs), items).run();

  print_batch_table(items, stdout);
  std::fflush(stdout);
  write_batch_json(items, options.output_dir / "batch.json");
  if (!completed) return kExitCancelled;
  const bool any_failed = std::any_of(items.begin(), items.end(),
                                      [](const BatchItem& item) { return item.status != BatchItem::Status::Done; });
  return any_failed ? kExitRuntimeFailure : kExitOk;
}

}  // namespace reelflow::cli
