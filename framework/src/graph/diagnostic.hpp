#pragma once
// Diagnostics are public (reelflow/diagnostics.hpp); the framework names them too.
#include <reelflow/diagnostics.hpp>

namespace reelflow::framework {
using reelflow::Diagnostic;
using reelflow::Diagnostics;
using reelflow::format_diagnostics;
using reelflow::SourceLocation;
}  // namespace reelflow::framework
