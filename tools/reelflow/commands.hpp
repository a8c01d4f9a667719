#pragma once
#include "cli_options.hpp"

#include <string>

namespace reelflow::cli {

int run_graph(const CommonOptions& common, const RunCommandOptions& options);
int list_plugins(const CommonOptions& common, bool json);
int inspect_stage_type(const CommonOptions& common, const std::string& type, bool json);

}  // namespace reelflow::cli
