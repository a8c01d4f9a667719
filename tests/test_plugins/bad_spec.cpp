// A plugin whose stage types declare broken contracts: each must be refused at
// registration, naming the file, and the good type beside them must still load.
#include <reelflow/reelflow.hpp>

namespace {

using namespace reelflow;

class Broken final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.output("out", types::text, "first");
    spec.output("out", types::text, "second");              // declared twice
    spec.param("level", 50, "a level").range(0, 10);        // default outside its range
    spec.param("mode", "fast", "a mode").one_of({"slow"});  // default not among its choices
    spec.trust("nope", ParamTrust::Path);                   // no such param
  }
  Status process(StageContext&) override { return Status::ok(); }
};

// A stream input and a stream output named alike: both would be pads of one bin.
class SameNamedStreams final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.stream_input("video", "video/x-raw", "in");
    spec.stream_output("video", "video/x-raw", "out");
  }
  Status process(StageContext&) override { return Status::ok(); }
};

class Fine final : public Stage {
 public:
  static void setup(StageSpec& spec) { spec.output("out", types::text, "text"); }
  Status process(StageContext& ctx) override {
    ctx.set_output("out", Text{"fine"});
    return Status::ok();
  }
};

}  // namespace

REELFLOW_PLUGIN("bad_spec", "1.0.0", "Broken stage contracts") {
  registrar.add<Broken>("broken");
  registrar.add<Fine>("Bad-Name");  // not a valid type name
  registrar.add<Fine>("fine_one");
  registrar.add<SameNamedStreams>("same_named_streams");
  // A schema the runtime could not keep its promise for.
  registrar.add_value_type("bad_spec.shapes", "shapes", R"({"type":"object","propertyNames":{"maxLength":3}})");
  registrar.add_value_type("bad_spec.fine", "a type whose schema is enforced", R"({"type":"object"})");
}
