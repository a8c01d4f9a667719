// bench_relay: a do-nothing text → text stage for the graph-scale benchmark, so
// chains of any length can be built and validated without media work.
//
// The stage type is named after the library file, so copies of this one .so
// under different names (libreelflow_bench_relay_07.so → "bench_relay_07")
// register distinct types: the discovery benchmark loads 50 real plugins, not
// 1 plugin and 49 duplicate-type failures.
#include <reelflow/reelflow.hpp>

#include <dlfcn.h>

#include <filesystem>
#include <string>

namespace {

using namespace reelflow;

class BenchRelay final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Passes its input text on (benchmarks only)");
    spec.input("in", types::text, "the previous stage's text").optional();
    spec.output("text", types::text, "the input text, unchanged");
    spec.param("label", "", "free text, so graphs carry params like real ones");
    spec.param("weight", 1, "an int param, range-checked").range(0, 1000);
    spec.param("ratio", 0.5, "a float param, range-checked").range(0.0, 1.0);
    spec.param("mode", "pass", "a string param with choices").one_of({"pass", "upper"});
    spec.trust("label", ParamTrust::FreeText);
  }
  Status process(StageContext& ctx) override {
    const Value* in = ctx.input("in");
    ctx.set_output("text", in ? *in : Value(Text{ctx.params().str("label")}));
    return Status::ok();
  }
};

// "libreelflow_bench_relay_07.so" → "bench_relay_07"; the original file → "bench_relay".
std::string type_name_from_library_file() {
  Dl_info info{};
  std::string stem = "libreelflow_bench_relay";
  if (::dladdr(reinterpret_cast<void*>(&type_name_from_library_file), &info) && info.dli_fname)
    stem = std::filesystem::path(info.dli_fname).stem().string();
  const std::string prefix = "libreelflow_";
  return stem.rfind(prefix, 0) == 0 ? stem.substr(prefix.size()) : stem;
}

}  // namespace

REELFLOW_PLUGIN("bench_relay", "0.1.0", "Benchmark-only text relay stage") {
  // Each loaded copy of the library has its own static, so its own name.
  static const std::string name = type_name_from_library_file();
  registrar.add<BenchRelay>(name.c_str());
}
