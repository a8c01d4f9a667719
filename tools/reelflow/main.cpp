// reelflow: run, validate and inspect media graphs.
#include "commands.hpp"
#include "gstreamer_registry.hpp"
#include "service_commands.hpp"
#include "signal_watcher.hpp"

#include <reelflow/confinement.hpp>
#include <reelflow/scene_redo.hpp>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

int main(int argc, char** argv) {
  using namespace reelflow::cli;
  // Before any thread exists, so every thread inherits the blocked signal mask.
  SignalWatcher::block_termination_signals();

  CLI::App app{"reelflow: declarative media graphs on GStreamer"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "reelflow 0.1.0");

  CommonOptions common;
  std::string log_level = "warn";
  app.add_option("--plugin-path", common.plugin_paths, "Extra directory to search for stage plugins (repeatable)");
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  RunCommandOptions run;
  auto* run_cmd = app.add_subcommand("run", "Validate and run a graph");
  auto* validate_cmd = app.add_subcommand("validate", "Check a graph without running it");
  for (auto* cmd : {run_cmd, validate_cmd}) {
    cmd->add_option("graph", run.graph, "Graph file (YAML)")->required();
    cmd->add_option("--set", run.set, "Override a graph variable: name=value (repeatable)");
    cmd->add_option("--plugin-path", common.plugin_paths, "Extra directory to search for stage plugins");
  }
  run_cmd->add_option("-o,--output-dir", run.output_dir, "Where results are written")->capture_default_str();
  for (auto* cmd : {run_cmd, validate_cmd})
    cmd->add_option("--cache-dir", run.cache_dir, "Persistent cache: stage results, plugin index (default ~/.cache/reelflow)");
  run_cmd->add_option("-j,--jobs", run.jobs, "Stages run at once (default: the core count)")->check(CLI::Range(1u, 256u));
  run_cmd->add_option("--events", run.events, "Progress output: auto (bars on a terminal), json (one object per line on stdout), plain, none")
      ->check(CLI::IsMember({"auto", "json", "plain", "none"}))
      ->capture_default_str();
  run_cmd->add_flag("--keep-work", run.keep_work, "Keep intermediate files under <output-dir>/.reelflow-work");
  run_cmd->add_flag("--no-cache", run.no_cache, "Run every stage: neither reuse nor store results in the stage cache");
  run_cmd->add_flag("--sandbox", run.sandbox, "Run the graph in a confined child process (Landlock, seccomp, limits; docs/security.md)");
  run_cmd->add_option("--cache-max-size", run.cache_max_bytes, "After the run, trim the stage cache to this size, least recently used first (e.g. 10GiB; default: no limit)")
      ->transform(CLI::AsSizeValue(false));
  run_cmd->add_option("--redo", run.redo, "Make these scenes' speech and picture again, the rest from the stage cache: scene=N or scene=N,M (repeatable)");
  run_cmd->add_option("--take", run.take, "With --redo: which new version (the same take gives the same result)")
      ->capture_default_str()->check(CLI::Range(1, reelflow::kMaxRedoTake));

  BatchCommandOptions batch;
  auto* batch_cmd = app.add_subcommand("batch", "Run a graph once per line of a topic file, a few at a time");
  batch_cmd->add_option("graph", batch.graph, "Graph file (YAML) with a `topic` variable")->required();
  batch_cmd->add_option("topics", batch.topics, "Text file: one topic a line (blank lines and # comments skipped)")->required();
  batch_cmd->add_option("--set", batch.set, "Override a graph variable for every topic: name=value (repeatable)");
  batch_cmd->add_option("-o,--output-dir", batch.output_dir, "Each topic's video goes to <dir>/<line>-<slug>/")->capture_default_str();
  batch_cmd->add_option("--cache-dir", batch.cache_dir, "Stage cache shared by the runs (default ~/.cache/reelflow)");
  batch_cmd->add_option("-j,--jobs", batch.jobs, "Runs at once")->capture_default_str()->check(CLI::Range(1u, 16u));
  batch_cmd->add_option("--stage-jobs", batch.stage_jobs, "Stages at once within a run (default: the cores shared among the runs)")->check(CLI::Range(1u, 256u));
  batch_cmd->add_flag("--no-cache", batch.no_cache, "Neither reuse nor store stage results");
  batch_cmd->add_option("--plugin-path", common.plugin_paths, "Extra directory to search for stage plugins");

  auto* cache_cmd = app.add_subcommand("cache", "Show or clear the stage cache (<cache-dir>/stages)");
  cache_cmd->require_subcommand(1);
  std::filesystem::path cache_dir;
  auto* cache_info_cmd = cache_cmd->add_subcommand("info", "Number of entries and their total size");
  auto* cache_clean_cmd = cache_cmd->add_subcommand("clean", "Remove every stored stage result");
  auto* cache_trim_cmd = cache_cmd->add_subcommand("trim", "Remove the least recently used stage results until the cache fits a size");
  std::uintmax_t trim_to = 0;
  cache_trim_cmd->add_option("--max-size", trim_to, "Size to fit, e.g. 5GiB or 500MB")->required()->transform(CLI::AsSizeValue(false));
  for (auto* cmd : {cache_info_cmd, cache_clean_cmd, cache_trim_cmd})
    cmd->add_option("--cache-dir", cache_dir, "Persistent cache (default ~/.cache/reelflow)");

  bool json = false;
  auto* plugins_cmd = app.add_subcommand("plugins", "List plugins, their stage types, and plugins that failed to load");
  plugins_cmd->add_flag("--json", json, "Machine-readable output");
  std::string type;
  auto* inspect_cmd = app.add_subcommand("inspect", "Show a stage type's ports and parameters, or a graph's variables");
  inspect_cmd->add_option("type", type, "Stage type, e.g. tts, or a graph file, e.g. graphs/short-video.yaml")->required();
  inspect_cmd->add_flag("--json", json, "Machine-readable output");
  auto* docs_cmd = app.add_subcommand("docs", "Print the Markdown reference of every stage type (docs/stages.md)");
  for (auto* cmd : {plugins_cmd, inspect_cmd, docs_cmd}) {
    cmd->add_option("--plugin-path", common.plugin_paths, "Extra directory to search for stage plugins");
    cmd->add_option("--cache-dir", common.cache_dir, "Where the plugin index is kept (default ~/.cache/reelflow)");
  }

  ServiceOptions service;
  auto* serve_cmd = app.add_subcommand("serve", "Job service: HTTP API, page and (by default) an embedded worker");
  auto* worker_cmd = app.add_subcommand("worker", "Run jobs from the service's Redis queue");
  for (auto* cmd : {serve_cmd, worker_cmd}) {
    cmd->add_option("--redis", service.redis_url, "redis://[:password@]host[:port][/db] (default $REELFLOW_REDIS_URL or redis://127.0.0.1:6379)");
    cmd->add_option("--prefix", service.prefix, "Prefix of every Redis key (one per deployment)")->capture_default_str();
    cmd->add_option("--data-dir", service.data_dir, "Where job outputs are stored; shared by the API and all workers")->capture_default_str();
    cmd->add_option("--cache-dir", service.cache_dir, "Persistent cache: stage results, plugin index (default ~/.cache/reelflow)");
    cmd->add_option("--cache-max-size", service.cache_max_bytes, "Stage cache trimmed to this after each job, least recently used first (0: no limit)")
        ->transform(CLI::AsSizeValue(false))->default_str("20GiB");
    cmd->add_option("--job-timeout", service.job_timeout_s, "Seconds a job may run (a job may ask for less)")->capture_default_str()->check(CLI::Range(1u, 7u * 86400u));
    cmd->add_option("--claim-idle", service.claim_idle_s, "Seconds without a heartbeat after which a job is taken from its worker")->capture_default_str()->check(CLI::Range(0.5, 86400.0));
    cmd->add_option("--stage-jobs", service.stage_jobs, "Stages run at once within a job (default: the core count)");
    cmd->add_option("--plugin-path", common.plugin_paths, "Extra directory to search for stage plugins");
  }
  serve_cmd->add_option("--listen", service.listen, "host:port to serve on (port 0: any free one)")->capture_default_str();
  serve_cmd->add_option("--graphs", service.graphs, "Allowed graphs: files, directories of *.yaml, or name=file (repeatable)")->capture_default_str();
  serve_cmd->add_flag("--allow-graph-upload", service.allow_graph_upload, "Also accept jobs that carry their own graph (trusted users only)");
  serve_cmd->add_option("--max-body", service.max_body_bytes, "Largest request body in bytes")->capture_default_str();
  serve_cmd->add_option("--max-watchers", service.max_watchers, "Event streams (SSE) open at once; more get 503")->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  serve_cmd->add_option("--max-attempts", service.max_attempts, "Attempts before a job is dead-lettered (a job may ask for another number)")->capture_default_str()->check(CLI::Range(1, 20));
  serve_cmd->add_option("--embedded-workers", service.embedded_workers, "Jobs this process runs itself at once (0: API only)")->capture_default_str();
  for (auto* cmd : {serve_cmd, worker_cmd})
    cmd->add_flag("--no-sandbox", service.no_sandbox, "Run jobs in this process, unconfined (when the kernel has no Landlock)");
  worker_cmd->add_option("--name", service.worker_name, "Consumer name (default host-pid)");
  worker_cmd->add_option("-c,--concurrency", service.concurrency, "Jobs run at once")->capture_default_str()->check(CLI::Range(1u, 256u));

  // A confined run's child (Runtime::start_confined); not for people, so not in --help.
  auto* sandbox_child_cmd = app.add_subcommand("sandbox-child", "")->group("");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitInvalidInput;
  }

  // The one --cache-dir the command was given, if any.
  for (const auto* dir : {&common.cache_dir, &run.cache_dir, &batch.cache_dir, &service.cache_dir, &cache_dir})
    if (!dir->empty()) {
      keep_gstreamer_registry_in(*dir);
      break;
    }

  auto logger = spdlog::stderr_color_mt("reelflow");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(log_level));
  spdlog::set_pattern("%^%l%$: %v");

  try {
    if (*sandbox_child_cmd) return reelflow::run_confined_child();
    if (*run_cmd) return run_graph(common, run);
    if (*batch_cmd) return run_batch(common, batch);
    if (*validate_cmd) {
      run.validate_only = true;
      return run_graph(common, run);
    }
    if (*plugins_cmd) return list_plugins(common, json);
    if (*inspect_cmd) {
      const bool is_graph = type.ends_with(".yaml") || type.ends_with(".yml") || type.find('/') != std::string::npos;
      return is_graph ? inspect_graph(type, json) : inspect_stage_type(common, type, json);
    }
    if (*docs_cmd) return print_stage_reference(common);
    if (*cache_info_cmd) return show_cache_info(cache_dir);
    if (*cache_clean_cmd) return clean_cache(cache_dir);
    if (*cache_trim_cmd) return trim_cache(cache_dir, trim_to);
    if (*serve_cmd) return serve(common, service);
    if (*worker_cmd) return run_worker(common, service);
  } catch (const std::exception& e) {
    std::cerr << "reelflow: error: " << e.what() << "\n";
    return kExitRuntimeFailure;
  }
  return kExitInvalidInput;
}
