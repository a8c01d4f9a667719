// A second small plugin for the plugin index tests: one stage type with a
// validation-time check, so validating a graph must open this plugin (and no other).
#include <reelflow/reelflow.hpp>

namespace {

using namespace reelflow;

class TestChecked final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Has a validation-time check of its word");
    spec.output("text", types::text, "the word");
    spec.param("word", "fine", "anything but \"bad\"").one_of({"fine", "good", "bad"});
    spec.param("weight", 2.5, "a float with a default").range(0.0, 10.0);
    spec.param("tags", std::vector<std::string>{"a", "b"}, "a list with a default");
    spec.param("token", "", "a secret").is_secret();
    spec.required_param("count", ParamType::Int, "a required int");
    spec.not_cacheable();
  }
  static Status check(const ParamSet& params) {
    if (params.str("word") == "bad") return Status::error("the word must not be 'bad'");
    return Status::ok();
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("text", Text{ctx.params().str("word")});
    return Status::ok();
  }
};

}  // namespace

REELFLOW_PLUGIN("lazy_probe", "2.1.0", "A plugin with a checked stage type, for the plugin index tests") {
  registrar.add<TestChecked>("test_checked");
}
