// Embeds the reelflow runtime: load plugins, load and validate a graph, run it
// while printing progress, cancel on Ctrl-C, print the files it made. Built
// with the public API only (docs/embedding.md): no YAML, JSON or GStreamer headers.
//
//   embed_runtime GRAPH [-o OUTPUT_DIR] [--plugin-path DIR]... [--set name=value]...
#include <reelflow/runtime.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

namespace {
std::atomic<bool> interrupted{false};
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: embed_runtime GRAPH [-o DIR] [--plugin-path DIR]... [--set name=value]...\n";
    return 2;
  }
  reelflow::RuntimeOptions runtime_options;
  reelflow::RunOptions run_options;
  std::map<std::string, std::string> variables;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "-o") run_options.output_dir = value;
    else if (flag == "--plugin-path") runtime_options.plugin_paths.emplace_back(value);
    else if (flag == "--set" && value.find('=') != std::string::npos)
      variables[value.substr(0, value.find('='))] = value.substr(value.find('=') + 1);
    else {
      std::cerr << "unknown option " << flag << "\n";
      return 2;
    }
  }

  reelflow::Runtime runtime(runtime_options);
  for (const auto& failure : runtime.plugin_failures()) std::cerr << "plugin not loaded: " << failure.to_string() << "\n";

  reelflow::LoadedGraph graph = runtime.load_graph_file(argv[1], variables);
  if (!graph.ok()) {
    std::cerr << graph.error_text();
    return 2;
  }

  std::signal(SIGINT, [](int) { interrupted.store(true); });
  reelflow::RunHandle run = runtime.start(graph, run_options, [](const reelflow::Event& e) {
    if (e.kind == reelflow::EventKind::StageProgress) {
      std::printf("progress %s %3.0f%%\n", e.stage_id.c_str(), e.progress * 100);
    } else {
      std::printf("%s %s %s\n", reelflow::event_kind_name(e.kind), e.stage_id.c_str(), e.message.c_str());
    }
    std::fflush(stdout);
  });
  while (!run.finished()) {
    if (interrupted.load()) run.cancel();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const reelflow::RunResult& result = run.wait();
  for (const auto& stage : result.stages)
    std::printf("stage %s %s %.3fs\n", stage.id.c_str(), reelflow::stage_state_name(stage.state), stage.duration_s);
  for (const auto& [name, value] : result.outputs)
    if (auto file = reelflow::file_of(value)) std::printf("output %s %s\n", name.c_str(), file->c_str());
  for (const auto& file : result.output_files) std::printf("file %s\n", file.c_str());
  if (!result.error.empty()) std::cerr << "error: " << result.error << "\n";
  return result.exit_code();
}
