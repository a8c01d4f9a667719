#pragma once
// The paths a confined child may use: the read-only system it needs to start
// and run stages, the programs and plugins it loads, the graph's input files,
// and read-write only its output and cache dirs.
#include "sandbox/landlock_ruleset.hpp"

#include <filesystem>
#include <vector>

namespace reelflow::framework::sandbox {

struct ChildAccessInputs {
  std::filesystem::path child_program;
  std::vector<std::filesystem::path> plugin_dirs;
  std::filesystem::path plugin_index_dir;  // read only, unless it is the cache dir; empty: none
  std::filesystem::path output_dir;        // holds the work dir and the child's HOME and TMPDIR
  std::filesystem::path cache_dir;
  std::vector<std::filesystem::path> graph_read_paths;
};

// Every path rule but the child's own /proc/<pid> (added in the child) and the
// procfs files of procfs_rules() (kept open across exec).
std::vector<PathRule> child_path_rules(const ChildAccessInputs& inputs);

// /proc/cpuinfo, meminfo and stat: read by GLib and OpenCV.
std::vector<PathRule> procfs_rules();

// The directory libreelflow was loaded from (a build tree or an install prefix).
std::filesystem::path runtime_library_dir();

}  // namespace reelflow::framework::sandbox
