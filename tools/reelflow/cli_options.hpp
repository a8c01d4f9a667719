#pragma once
// Options shared by the reelflow subcommands.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace reelflow::cli {

// Exit codes (docs/cli.md): 0 success, 1 runtime failure, 2 invalid input, 130 cancelled.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;
inline constexpr int kExitInvalidInput = 2;
inline constexpr int kExitCancelled = 130;

struct CommonOptions {
  std::vector<std::filesystem::path> plugin_paths;
  std::filesystem::path cache_dir;  // the plugin index's; empty: the default cache dir
};

struct RunCommandOptions {
  std::filesystem::path graph;
  std::vector<std::string> set;  // name=value
  std::filesystem::path output_dir = "out";
  std::filesystem::path cache_dir;
  unsigned jobs = 0;  // 0: core count
  std::string events = "auto";  // auto | json | plain | none
  bool keep_work = false;
  bool no_cache = false;  // neither read nor write the stage cache
  std::uintmax_t cache_max_bytes = 0;  // 0: no limit
  bool validate_only = false;
  bool sandbox = false;  // run in a confined child process (docs/security.md)
  std::vector<std::string> redo;  // "scene=N": scenes whose speech and picture are made again
  int take = 1;                   // which new version of them
};

// `reelflow batch`: the graph once per topic line.
struct BatchCommandOptions {
  std::filesystem::path graph;
  std::filesystem::path topics;  // one topic a line
  std::vector<std::string> set;  // name=value, for every topic
  std::filesystem::path output_dir = "out";  // one folder per topic beneath
  std::filesystem::path cache_dir;
  unsigned jobs = 2;        // runs at once
  unsigned stage_jobs = 0;  // stages at once within a run; 0: the cores shared among the runs
  bool no_cache = false;
};

}  // namespace reelflow::cli
