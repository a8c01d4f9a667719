#pragma once
// How one run of a graph is carried out, and what came of it: public
// (reelflow/run_options.hpp, reelflow/run_result.hpp); the framework names them too.
#include <reelflow/run_options.hpp>
#include <reelflow/run_result.hpp>

#include <filesystem>

namespace reelflow::framework {
using reelflow::BusMessage;
using reelflow::BusMessageCallback;
using reelflow::RunOptions;
using reelflow::RunOutcome;
using reelflow::RunResult;
using reelflow::StageOutcome;
using reelflow::StageState;
using reelflow::stage_state_name;
using reelflow::StreamTap;

// $XDG_CACHE_HOME/reelflow, ~/.cache/reelflow, or a temp dir: the stage cache's
// and the plugin index's default home.
std::filesystem::path default_cache_dir();
}  // namespace reelflow::framework
