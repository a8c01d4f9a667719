// A plugin with a value type of its own (SDK 2.0), stages that produce and take
// it, a union input, an optional output, a check that reports per param, and a
// stage that emits values as it finds them.
#include <reelflow/record.hpp>
#include <reelflow/reelflow.hpp>

namespace {

using namespace reelflow;

struct Detection {
  double t = 0;
  std::string label;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Detection, t, label)

constexpr const char* kDetections = "test.detections";

class Detect final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Finds a detection per label, emitting each as it is found");
    spec.output("detections", kDetections, "what was found");
    spec.output("summary", types::text, "only when summary is true").optional();
    spec.param("labels", std::vector<std::string>{"cat", "dog"}, "one detection each");
    spec.param("summary", false, "also set the optional summary output");
  }
  Status process(StageContext& ctx) override {
    std::vector<Detection> found;
    for (const auto& label : ctx.params().list("labels")) {
      found.push_back({static_cast<double>(found.size()) * 0.5, label});
      ctx.emit("detections", to_record(kDetections, found.back()));
    }
    ctx.set_output("detections", to_record(kDetections, found));
    if (ctx.params().flag("summary")) ctx.set_output("summary", Text{std::to_string(found.size()) + " found"});
    return Status::ok();
  }
};

class CountDetections final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Counts detections");
    spec.input("detections", kDetections, "detections");
    spec.output("count", types::text, "how many");
  }
  Status process(StageContext& ctx) override {
    const auto found = from_record<std::vector<Detection>>(ctx.input_as<Record>("detections"));
    ctx.set_output("count", Text{std::to_string(found.size())});
    return Status::ok();
  }
};

// Takes audio or video (a union input) and names what it got.
class MediaKind final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Names the kind of media on its input");
    spec.input("media", types::audio, "audio or video").accepts(std::string(types::video));
    spec.output("kind", types::text, "audio or video");
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("kind", Text{std::string(value_type_of(*ctx.input("media")))});
    return Status::ok();
  }
};

// A check that sees its inputs and the graph's variables and reports per param.
class Checked final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Refuses params its check does not like");
    spec.input("in", types::text, "anything").optional();
    spec.output("text", types::text, "ok");
    spec.param("size", 1, "must be even");
    spec.param("name", "x", "must not be 'bad'");
    spec.param("needs_input", false, "the input must be connected");
    spec.trust("name", ParamTrust::FreeText);
  }
  static void check(const CheckContext& ctx, CheckReport& report) {
    if (ctx.params().integer("size") % 2 != 0) report.error("size", "is odd", "an even number");
    if (ctx.params().str("name") == "bad") report.error("name", "is 'bad'", "another name");
    if (ctx.params().flag("needs_input") && ctx.input_type("in").empty()) report.error({}, "input 'in' is needed");
    if (auto it = ctx.variables().find("forbidden"); it != ctx.variables().end() && it->second == "yes")
      report.error({}, "variable 'forbidden' is yes");
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("text", Text{"ok"});
    return Status::ok();
  }
};

}  // namespace

REELFLOW_PLUGIN("test_types", "1.0.0", "A value type and stages around it (SDK 2.0 tests)") {
  // One detection or a list; the runtime checks every value a stage outputs against it.
  registrar.add_value_type(kDetections, "detections: time and label of each", R"({
    "$defs": {"detection": {"type": "object", "required": ["t", "label"], "additionalProperties": false,
      "properties": {"t": {"type": "number", "minimum": 0}, "label": {"type": "string", "minLength": 1}}}},
    "anyOf": [{"$ref": "#/$defs/detection"}, {"type": "array", "items": {"$ref": "#/$defs/detection"}}]})");
  registrar.add<Detect>("detect");
  registrar.add<CountDetections>("count_detections");
  registrar.add<MediaKind>("media_kind");
  registrar.add<Checked>("checked");
}
