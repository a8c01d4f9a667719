#pragma once
// What a warm spare is born able to do, and whether a job fits in it. A spare's
// birth sandbox is that of a job with a wider output dir (the root every job's
// output dir is beneath), the network allowed, and no TMPDIR nor graph
// variables; a job fits when its own sandbox is within that one, so that the
// job's Landlock layer on top of the spare's gives exactly the job's access.
#include "sandbox/child_access.hpp"
#include "sandbox/child_process.hpp"

#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

struct SpareShape {
  ChildAccessInputs access;              // a spare's output_dir: the root its jobs' output dirs are beneath
  std::vector<ResourceLimit> limits;
  std::vector<std::string> environment;  // without TMPDIR and the graph's variables
};

// Whether `job` may run in a spare of shape `spare`: the same program, plugins,
// plugin index, cache dir, limited resources and base environment; its output
// dir beneath the spare's; each path it reads beneath one the spare may read;
// no limit above the spare's. Paths are compared resolved (symlinks followed).
bool fits(const SpareShape& spare, const SpareShape& job);

}  // namespace reelflow::framework::sandbox
