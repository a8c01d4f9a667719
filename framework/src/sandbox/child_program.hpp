#pragma once
// Which reelflow executable a confined run starts when the caller names none.
#include <filesystem>

namespace reelflow::framework::sandbox {

// This libreelflow's build tree's CLI, or <prefix>/bin/reelflow beside an installed one.
std::filesystem::path default_child_program();

}  // namespace reelflow::framework::sandbox
