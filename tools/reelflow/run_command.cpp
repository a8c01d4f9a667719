// `reelflow run` and `reelflow validate`.
#include "commands.hpp"
#include "progress_display.hpp"
#include "redo_option.hpp"
#include "signal_watcher.hpp"
#include "variable_assignments.hpp"

#include "graph/value_json.hpp"

#include <reelflow/runtime.hpp>

#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace reelflow::cli {
namespace {

void warn_plugin_failures(const Runtime& runtime) {
  for (const auto& f : runtime.plugin_failures()) spdlog::warn("plugin not loaded: {}", f.to_string());
}

EventCallback make_event_sink(const std::string& mode, std::shared_ptr<ProgressDisplay>& display) {
  if (mode == "none") return {};
  if (mode == "json")
    return [](const Event& e) {
      std::fputs((framework::event_to_json(e) + "\n").c_str(), stdout);
      std::fflush(stdout);
    };
  const bool bars = mode == "auto" && ::isatty(STDERR_FILENO);
  display = std::make_shared<ProgressDisplay>(bars ? ProgressDisplay::Mode::Bars : ProgressDisplay::Mode::Plain, stderr);
  return [display](const Event& e) { display->on_event(e); };
}

void print_outputs(const RunResult& result, bool json) {
  if (json) {
    nlohmann::json j;
    j["event"] = "outputs";
    j["run"] = result.run_id;
    for (const auto& [name, value] : result.outputs) j["outputs"][name] = framework::value_to_json(value);
    std::cout << j.dump() << std::endl;
    return;
  }
  // What the video is called and says first, its files, then where it was published
  // (a `location` text output: the uploader's URL or path).
  for (const auto& [name, value] : result.outputs)
    if (const auto* script = std::get_if<Script>(&value)) {
      if (!script->title.empty()) std::cerr << "  title: " << script->title << "\n";
      if (!script->hook.empty()) std::cerr << "  hook: " << script->hook << "\n";
    }
  for (const auto& [name, value] : result.outputs) {
    if (auto file = file_of(value)) std::cerr << "  " << name << ": " << file->string() << "\n";
  }
  for (const auto& [name, value] : result.outputs)
    if (const auto* text = std::get_if<Text>(&value); text && name.ends_with(".location"))
      std::cerr << "  published: " << text->text << "\n";
}

}  // namespace

int run_graph(const CommonOptions& common, const RunCommandOptions& options) {
  auto variables = parse_assignments(options.set);
  if (!variables) return kExitInvalidInput;
  auto redo = parse_redo(options.redo, options.take);
  if (!redo) return kExitInvalidInput;

  Runtime runtime(RuntimeOptions{.plugin_paths = common.plugin_paths, .cache_dir = options.cache_dir});
  warn_plugin_failures(runtime);
  LoadedGraph graph = runtime.load_graph_file(options.graph, *variables);
  if (!graph.ok()) {
    std::cerr << graph.error_text();
    if (!runtime.plugin_failures().empty())
      std::cerr << "note: " << runtime.plugin_failures().size()
                << " plugin(s) failed to load; `reelflow plugins` lists them\n";
    return kExitInvalidInput;
  }
  // What validation accepted but should be said (a file that is probed as a video).
  for (const auto& note : graph.notes()) std::cerr << note.to_string() << "\n";
  if (options.validate_only) {
    std::cout << options.graph.string() << ": valid (" << graph.describe().stages.size() << " stages)\n";
    return kExitOk;
  }

  RunOptions run_options;
  run_options.output_dir = options.output_dir;
  run_options.cache_dir = options.cache_dir;
  if (options.jobs > 0) run_options.jobs = options.jobs;
  run_options.keep_work = options.keep_work;
  run_options.use_cache = !options.no_cache;
  run_options.cache_max_bytes = options.cache_max_bytes;
  run_options.redo = *redo;
  if (!redo->empty() && options.no_cache)
    std::cerr << "reelflow: warning: --redo with --no-cache: there is no earlier result to keep, every scene is made\n";

  if (options.sandbox)
    if (auto why = confinement_unavailable_reason()) {
      std::cerr << "reelflow: error: --sandbox: " << *why << "\n";
      return kExitInvalidInput;
    }
  std::shared_ptr<ProgressDisplay> display;
  EventCallback sink = make_event_sink(options.events, display);
  RunHandle run = options.sandbox ? runtime.start_confined(graph, run_options, Confinement{}, std::move(sink))
                                  : runtime.start(graph, run_options, std::move(sink));
  const RunResult* result = nullptr;
  {
    SignalWatcher watcher([&run] { run.cancel(); });
    result = &run.wait();
  }
  if (result->outcome == RunOutcome::Succeeded) {
    print_outputs(*result, options.events == "json");
  } else if (result->outcome == RunOutcome::Cancelled) {
    std::cerr << "reelflow: cancelled\n";
  } else {
    std::cerr << "reelflow: error: " << result->error << "\n";
  }
  return result->exit_code();
}

}  // namespace reelflow::cli
