#pragma once
#include "cli_options.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace reelflow::cli {

int run_graph(const CommonOptions& common, const RunCommandOptions& options);
// `reelflow batch`: 0 when every topic made its video, 1 when one failed, 2 for bad input.
int run_batch(const CommonOptions& common, const BatchCommandOptions& options);
int list_plugins(const CommonOptions& common, bool json);
int print_stage_reference(const CommonOptions& common);
int inspect_stage_type(const CommonOptions& common, const std::string& type, bool json);
// A graph file's variables (their types and rules) and its stages; needs no plugins.
int inspect_graph(const std::filesystem::path& file, bool json);
// `reelflow cache info` and `reelflow cache clean`; an empty dir means the default.
int show_cache_info(const std::filesystem::path& cache_dir);
int clean_cache(const std::filesystem::path& cache_dir);
int trim_cache(const std::filesystem::path& cache_dir, std::uintmax_t max_bytes);

}  // namespace reelflow::cli
