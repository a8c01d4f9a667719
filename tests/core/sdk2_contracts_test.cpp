// SDK 2.0 contracts: value types registered by plugins and checked by name,
// union inputs, optional outputs, values emitted as they are found, checks that
// see the graph and report per param, and contracts refused at registration.
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include "run/scheduler.hpp"

#include <gtest/gtest.h>

#include <mutex>

namespace reelflow::testing {
namespace {

using framework::EventKind;
using framework::format_diagnostics;

class Sdk2Contracts : public ::testing::Test {
 protected:
  Sdk2Contracts() { reg.loader.load_directories({test_plugin_dir("types")}); }

  framework::RunResult run(const std::string& yaml) {
    auto v = reg.validate(yaml);
    if (!v.ok()) {
      ADD_FAILURE() << format_diagnostics(v.diagnostics);
      return {};
    }
    framework::RunOptions options;
    options.output_dir = dir / "out";
    options.cache_dir = dir / "cache";
    options.use_cache = false;
    std::atomic<bool> cancel{false};
    return framework::Scheduler(*v.plan, options, [this](const framework::Event& e) {
      std::lock_guard lock(mutex);
      events.push_back(e);
    }).run(cancel);
  }

  std::string errors(const std::string& yaml) {
    auto v = reg.validate(yaml);
    return v.ok() ? "" : format_diagnostics(v.diagnostics);
  }

  TestRegistry reg;
  TempDir dir;
  std::mutex mutex;
  std::vector<framework::Event> events;
};

TEST_F(Sdk2Contracts, APluginValueTypeFlowsBetweenStagesAsJson) {
  ASSERT_NE(reg.registry.find_value_type("test.detections"), nullptr);
  EXPECT_EQ(reg.registry.find_value_type("test.detections")->plugin->name, "test_types");
  ASSERT_NE(reg.registry.find_value_type("video"), nullptr) << "built-in types are registered too";
  EXPECT_EQ(reg.registry.find_value_type("video")->plugin, nullptr);
  const auto result = run(R"(stages:
  - id: d
    type: detect
    params: { labels: [a, b, c] }
  - id: n
    type: count_detections
    inputs: { detections: d.detections }
)");
  ASSERT_EQ(result.outcome, framework::RunOutcome::Succeeded) << result.error;
  EXPECT_EQ(std::get<Text>(result.outputs.at("n.count")).text, "3");
}

TEST_F(Sdk2Contracts, AValueThatBreaksItsTypesSchemaFailsTheStageNamingWhere) {
  // An empty label breaks the type's schema (minLength 1): the stage fails, naming its
  // output, the type and the place in the value; nothing downstream runs.
  const auto result = run(R"(stages:
  - id: d
    type: detect
    params: { labels: [a, ""] }
  - id: n
    type: count_detections
    inputs: { detections: d.detections }
)");
  EXPECT_EQ(result.outcome, framework::RunOutcome::Failed);
  EXPECT_NE(result.error.find("output 'detections' does not match the JSON schema of type test.detections"),
            std::string::npos)
      << result.error;
  EXPECT_NE(result.error.find("/1/label: shorter than 1 characters"), std::string::npos) << result.error;
  EXPECT_EQ(result.outputs.count("n.count"), 0u);
}

TEST_F(Sdk2Contracts, EmittedValuesAreEventsInTheOrderFound) {
  ASSERT_EQ(run("stages:\n  - id: d\n    type: detect\n    params: { labels: [x, y] }\n").outcome,
            framework::RunOutcome::Succeeded);
  std::vector<std::string> emitted;
  for (const auto& e : events)
    if (e.kind == EventKind::StageOutput) emitted.push_back(e.stage_id + "." + e.port + "=" + e.value_json);
  EXPECT_EQ(emitted, (std::vector<std::string>{R"(d.detections={"type":"test.detections","value":{"label":"x","t":0.0}})",
                                               R"(d.detections={"type":"test.detections","value":{"label":"y","t":0.5}})"}));
  const auto json = framework::event_to_json(events.front().kind == EventKind::StageOutput ? events.front() : [&] {
    for (const auto& e : events)
      if (e.kind == EventKind::StageOutput) return e;
    return framework::Event{};
  }());
  EXPECT_NE(json.find(R"("event":"stage_output")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("port":"detections")"), std::string::npos) << json;
}

TEST_F(Sdk2Contracts, TypesAreCheckedByNameAndUnionsAcceptEachMember) {
  const auto mismatch = errors(R"(stages:
  - id: d
    type: detect
  - id: k
    type: media_kind
    inputs: { media: d.detections }
)");
  EXPECT_NE(mismatch.find("g.yaml:6:22: error: type mismatch: input 'media' of stage 'k' takes audio or video but "
                          "'d.detections' gives test.detections"),
            std::string::npos)
      << mismatch;
  EXPECT_EQ(errors("stages:\n  - id: v\n    type: test_video\n  - id: k\n    type: media_kind\n    inputs: { media: v.video }\n"),
            "");
}

TEST_F(Sdk2Contracts, AnOptionalOutputMayStayUnset) {
  const auto result = run("stages:\n  - id: d\n    type: detect\n");
  ASSERT_EQ(result.outcome, framework::RunOutcome::Succeeded) << result.error;
  EXPECT_EQ(result.outputs.count("d.summary"), 0u);
  const auto with = run("stages:\n  - id: d\n    type: detect\n    params: { summary: true }\n");
  EXPECT_EQ(std::get<Text>(with.outputs.at("d.summary")).text, "2 found");
}

TEST_F(Sdk2Contracts, AChecksErrorsAreLocatedAtTheirParamsAndAllReported) {
  const auto text = errors(R"(variables: { forbidden: "yes" }
stages:
  - id: c
    type: checked
    params:
      size: 3
      name: bad
      needs_input: true
)");
  EXPECT_NE(text.find("g.yaml:6:13: error: parameter 'size' of stage 'c' (checked): is odd (an even number)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("g.yaml:7:13: error: parameter 'name' of stage 'c' (checked): is 'bad' (another name)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("g.yaml:3:5: error: stage 'c' (checked): input 'in' is needed"), std::string::npos) << text;
  EXPECT_NE(text.find("stage 'c' (checked): variable 'forbidden' is yes"), std::string::npos) << text;
  // The check sees what is connected.
  EXPECT_EQ(errors("stages:\n  - id: s\n    type: test_source\n  - id: c\n    type: checked\n    inputs: { in: s.text }\n"
                   "    params: { needs_input: true, size: 2 }\n"),
            "");
}

TEST(Sdk2Registration, BrokenContractsAreRefusedNamingTheFileAndTheGoodTypeStillLoads) {
  framework::StageRegistry registry;
  framework::PluginLoader loader(registry);
  loader.load_directories({test_plugin_dir("bad_spec")});
  std::string reasons;
  for (const auto& f : loader.failures()) {
    EXPECT_NE(f.path.find("libreelflow_test_bad_spec.so"), std::string::npos) << f.path;
    reasons += f.reason + "\n";
  }
  EXPECT_NE(reasons.find("stage type 'broken': output 'out' is declared twice"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("stage type 'broken': parameter 'level' has default 50 outside its own range"),
            std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("parameter 'mode' has default 'fast', which is not one of its choices"), std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("trust is declared for parameter 'nope', which it does not have"), std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("'Bad-Name' is not a valid name"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("stage type 'same_named_streams': stream input and stream output 'video' share a name"),
            std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("value type 'bad_spec.shapes': its JSON schema cannot be enforced: /propertyNames: the "
                         "runtime does not enforce 'propertyNames'"),
            std::string::npos)
      << reasons;
  EXPECT_EQ(registry.find("same_named_streams"), nullptr);
  EXPECT_EQ(registry.find("broken"), nullptr);
  EXPECT_NE(registry.find("fine_one"), nullptr);
  EXPECT_EQ(registry.find_value_type("bad_spec.shapes"), nullptr);
  EXPECT_NE(registry.find_value_type("bad_spec.fine"), nullptr);
}

TEST(Sdk2Registration, ATypeNameClashNamesBothFiles) {
  framework::StageRegistry registry;
  framework::PluginLoader loader(registry);
  loader.load_directories({test_plugin_dir("good"), test_plugin_dir("duplicate")});
  ASSERT_FALSE(loader.failures().empty());
  // The file that lost (the failure's own) and the file that holds the name, both in one line.
  const std::string line = loader.failures().front().to_string();
  EXPECT_NE(line.find(test_plugin_dir("duplicate").string() + "/libreelflow_test_duplicate.so: "), std::string::npos)
      << line;
  EXPECT_NE(line.find(test_plugin_dir("good").string() + "/libreelflow_test_stages.so"), std::string::npos) << line;
  EXPECT_NE(line.find("to keep both"), std::string::npos) << line;
}

}  // namespace
}  // namespace reelflow::testing
