#pragma once
// The graph as written: stages with ids, types, params and wired inputs, each
// remembering where in the file it came from. Produced by GraphLoader, checked
// by GraphValidator.
#include "graph/diagnostic.hpp"
#include "graph/graph_parts.hpp"
#include "graph/variable.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::framework {

// One `${name}` in a parameter's text: which variable, and the text of the
// scalar before it as written in the graph (what the graph file fixes, e.g. a
// URL's scheme and host).
// A use that came through a sub-graph's variable names the including graph's
// variable, with the text before it as if written in place, and where it is written.
struct VariableUse {
  std::string variable;
  std::string written_before;
  SourceLocation location;  // empty: in the parameter itself
};

// A parameter value as configured: the YAML node after variable substitution.
struct ParamEntry {
  YAML::Node value;
  SourceLocation location;
  bool from_environment = false;  // came from ${env:...}: treated as a secret
  std::vector<VariableUse> variable_uses;
};

// How the runtime's queue on one stream edge holds buffers (`queue:` under an
// input): GStreamer's queue with max-size-time / max-size-buffers and leaky mode.
enum class QueueLeaky { None, Upstream, Downstream };
struct QueuePolicy {
  std::uint64_t max_time_ms = 1000;  // 0: no limit on time
  std::uint32_t max_buffers = 200;   // 0: no limit on buffers
  QueueLeaky leaky = QueueLeaky::None;
  SourceLocation location;  // the `queue:` mapping
};

// An input wired to another stage's output: `stage.port`, or `stage` alone when
// that stage has a single output; a stream input may say how its edge queues
// (`in: { from: video.out, queue: { max_time_ms: 500, leaky: downstream } }`).
// A sub-graph's declared input an edge passes through (`inputs: { scenes: scenes }`
// in the part file): the type it promises on both sides.
struct PortCrossing {
  std::string input;  // the declared input's name
  std::string type;   // a value type, or "stream"
  std::string stage;  // the including stage, e.g. "vertical"
  SourceLocation declared_at;  // under `inputs:` of the part file
  SourceLocation used_at;      // the `inputs.<name>` that reads it, in the part file
};

struct PortRef {
  std::string stage;
  std::string port;  // empty: the source stage's only output
  SourceLocation location;
  std::optional<QueuePolicy> queue;
  std::vector<PortCrossing> crossings;  // outermost first; empty within one file
};

struct StageRetry {
  int attempts = 1;
  double backoff_s = 1.0;
};

// `after: [qc]`: a control edge. The stage starts only once `stage` has succeeded,
// with no data between them (a publish gated by a check).
struct StageAfter {
  std::string stage;
  SourceLocation location;
};

// `on_error:` what a stage's failure does to the run. Fail: the run stops (the
// default). Continue: the other stages go on; those that need this one (by data
// or `after`) are skipped, and the run still ends failed, naming it.
enum class OnError { Fail, Continue };

// `type: graph`: a stage that is another graph file, expanded by the loader into
// that file's stages, with ids "<stage>/<inner id>" (docs/graph-format.md, "Sub-graphs").
inline constexpr const char* kSubgraphStageType = "graph";
inline constexpr char kSubgraphIdSeparator = '/';

struct StageNode {
  std::string id;
  std::string type;
  SourceLocation location;       // the stage's mapping
  SourceLocation type_location;  // the `type:` value
  std::map<std::string, ParamEntry> params;
  std::map<std::string, PortRef> inputs;  // input port → source
  std::map<std::string, SourceLocation> input_locations;  // input port key locations
  // Stream inputs an embedding host feeds (`port: { host: true }`) with its own element
  // (RunOptions::stream_taps): connected for validation, a run without the tap fails.
  std::map<std::string, SourceLocation> host_inputs;
  std::optional<StageRetry> retry;
  std::optional<double> timeout_s;
  std::vector<StageAfter> after;
  OnError on_error = OnError::Fail;
  // The loader reported an error in this stage: validation skips it (and what
  // refers to it), so no problem is reported twice.
  bool incomplete = false;
};

struct Graph {
  std::string file;  // for diagnostics; may be a pseudo-name for graphs from strings
  std::string name;
  std::string description;
  std::vector<GraphVariable> variables;  // in declaration order, with their values
  // Every NAME the graph reads with ${env:NAME}: a confined run passes exactly these
  // into its child's environment.
  std::set<std::string> environment_names;
  std::vector<StageNode> stages;
  // Every sub-graph file its `type: graph` stages read, by key: what loading its
  // text again elsewhere (a confined child, a job's worker) needs.
  GraphPartTexts part_texts;

  const GraphVariable* find_variable(std::string_view name) const {
    for (const auto& v : variables)
      if (v.declaration.name == name) return &v;
    return nullptr;
  }

  const StageNode* find_stage(const std::string& id) const {
    for (const auto& s : stages)
      if (s.id == id) return &s;
    return nullptr;
  }
};

}  // namespace reelflow::framework
