#pragma once
// Which reelflow executable a confined run starts when the caller names none.
#include <filesystem>

namespace reelflow::framework::sandbox {

// This libreelflow's build tree's reelflow-sandbox-child, or
// <prefix>/libexec/reelflow-sandbox-child beside an installed one.
std::filesystem::path default_child_program();

}  // namespace reelflow::framework::sandbox
