#pragma once
// A user error in a graph, reported like a compiler: file:line:col: error: what (expected);
// or a note on something validation accepted (file:line:col: note: what).
#include <string>
#include <vector>

namespace reelflow {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based; 0 = unknown
};

struct Diagnostic {
  SourceLocation location;
  std::string message;
  std::string expected;  // may be empty
  bool note = false;     // not an error: LoadedGraph::notes()

  std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

std::string format_diagnostics(const Diagnostics& diagnostics);

}  // namespace reelflow
