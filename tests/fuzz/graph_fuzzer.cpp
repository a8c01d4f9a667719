// libFuzzer target: arbitrary bytes through GraphLoader::load_string and, when they
// load, GraphValidator. Whatever the input, both must answer with diagnostics (or a
// plan): no crash, no sanitizer report, no hang, no leak. Run by scripts/fuzz.sh.
#include "graph/graph_loader.hpp"
#include "graph/graph_validator.hpp"
#include "plugins/plugin_loader.hpp"
#include "run/pipeline_runner.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace reelflow::framework;

// The test plugins (and the real plugins when this build has them), loaded once.
struct FuzzRegistry {
  StageRegistry registry;
  PluginLoader loader{registry};

  FuzzRegistry() {
    ensure_gstreamer_initialized();  // real plugins' validation-time checks may use GStreamer
    std::vector<std::filesystem::path> dirs{std::filesystem::path(REELFLOW_TEST_PLUGIN_DIR) / "good"};
    if (std::filesystem::is_directory(REELFLOW_BUILD_PLUGIN_DIR)) dirs.emplace_back(REELFLOW_BUILD_PLUGIN_DIR);
    loader.load_directories(dirs);
    if (!registry.find("test_typed")) {
      std::fprintf(stderr, "graph_fuzzer: the test plugins did not load from %s/good\n", REELFLOW_TEST_PLUGIN_DIR);
      for (const auto& f : loader.failures()) std::fprintf(stderr, "  %s\n", f.to_string().c_str());
      std::abort();
    }
  }
};

const StageRegistry& fuzz_registry() {
  static const FuzzRegistry instance;
  return instance.registry;
}

// A fixed environment, so a crash found once reproduces anywhere.
std::optional<std::string> fuzz_environment(const std::string& name) {
  if (name == "FUZZ_KEY") return "sk-fuzz-secret";
  if (name == "FUZZ_EMPTY") return "";
  return std::nullopt;
}

[[noreturn]] void invariant_broken(const char* what) {
  std::fprintf(stderr, "graph_fuzzer: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz_registry();  // before the first input, so one-time allocations are not leaks
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string yaml(reinterpret_cast<const char*>(data), size);
  // Sub-graphs: a fixed part, and the input itself (which may include itself in a loop).
  static const char* const kPart =
      "inputs: { in: text }\noutputs: { text: w.text }\nvariables: { ms: 1 }\n"
      "stages:\n  - id: w\n    type: test_sleep\n    inputs: { in: inputs.in }\n    params: { ms: \"${ms}\" }\n";
  const auto parts = GraphParts::texts({{"part.yaml", kPart}, {"fuzz.yaml", yaml}});
  auto loaded = GraphLoader(fuzz_environment).load_string(yaml, "fuzz.yaml", {}, VariableSource::Runner, parts);
  if (loaded.ok() != loaded.diagnostics.empty()) invariant_broken("loader: a graph must come without diagnostics");
  for (const auto& d : loaded.diagnostics) (void)d.to_string();
  if (!loaded.ok()) {
    // As the runtime does: the rest of the graph is validated too. A graph with a
    // stage the loader could not read must never get a plan.
    if (!loaded.partial) return 0;
    bool incomplete = false;
    for (const auto& stage : loaded.partial->stages) incomplete = incomplete || stage.incomplete;
    auto partial = GraphValidator(fuzz_registry()).validate(std::move(*loaded.partial));
    if (incomplete && partial.ok()) invariant_broken("validator: a graph with an unreadable stage got a plan");
    for (const auto& d : partial.diagnostics) (void)d.to_string();
    return 0;
  }
  auto validated = GraphValidator(fuzz_registry()).validate(std::move(*loaded.graph));
  if (validated.ok() != validated.diagnostics.empty()) invariant_broken("validator: a plan must come without diagnostics");
  for (const auto& d : validated.diagnostics) (void)d.to_string();
  if (validated.ok() && validated.plan->order.size() != validated.plan->stages.size())
    invariant_broken("validator: the run order must hold every stage once");
  return 0;
}
