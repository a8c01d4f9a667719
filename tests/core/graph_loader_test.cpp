// The YAML loader: structure, keys, ids, variables and environment references,
// each error with its file, line and column.
#include <reelflow/framework/graph_loader.hpp>

#include <gtest/gtest.h>

namespace reelflow::framework {
namespace {

GraphLoader loader_with_env(std::map<std::string, std::string> env) {
  return GraphLoader([env](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
}

GraphLoadResult load(const std::string& yaml, std::map<std::string, std::string> overrides = {}) {
  return loader_with_env({{"API_KEY", "sk-test-123456"}}).load_string(yaml, "g.yaml", overrides);
}

TEST(GraphLoader, LoadsStagesParamsAndInputs) {
  auto r = load(R"(reelflow: 1
name: demo
stages:
  - id: a
    type: test_source
    params: { text: hi }
  - id: b
    type: test_sleep
    inputs: { in: a.text }
    timeout: 90s
    retry: { attempts: 3, backoff: 500ms }
)");
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
  const Graph& g = *r.graph;
  EXPECT_EQ(g.name, "demo");
  ASSERT_EQ(g.stages.size(), 2u);
  EXPECT_EQ(g.stages[0].params.at("text").value.Scalar(), "hi");
  EXPECT_EQ(g.stages[1].inputs.at("in").stage, "a");
  EXPECT_EQ(g.stages[1].inputs.at("in").port, "text");
  EXPECT_EQ(g.stages[1].inputs.at("in").location.line, 9);
  EXPECT_DOUBLE_EQ(*g.stages[1].timeout_s, 90.0);
  EXPECT_EQ(g.stages[1].retry->attempts, 3);
  EXPECT_DOUBLE_EQ(g.stages[1].retry->backoff_s, 0.5);
}

TEST(GraphLoader, MalformedYamlNamesLineAndColumn) {
  auto r = load("stages:\n  - id: a\n    type: [unclosed\n");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("malformed YAML"), std::string::npos);
  EXPECT_GE(r.diagnostics[0].location.line, 3);
  EXPECT_EQ(r.diagnostics[0].to_string().rfind("g.yaml:", 0), 0u);
}

TEST(GraphLoader, ReportsEveryStructuralErrorAtOnce) {
  auto r = load(R"(stagez: []
stages:
  - id: a
    type: test_source
    colour: red
  - id: a
    type: test_source
  - type: test_source
  - id: c
)");
  ASSERT_FALSE(r.ok());
  std::vector<std::string> lines;
  for (const auto& d : r.diagnostics) lines.push_back(d.to_string());
  ASSERT_EQ(lines.size(), 5u) << format_diagnostics(r.diagnostics);
  EXPECT_EQ(lines[0], "g.yaml:1:1: error: unknown key 'stagez' in graph (one of: description, name, reelflow, stages, variables)");
  EXPECT_EQ(lines[1].rfind("g.yaml:5:5: error: unknown key 'colour' in stage", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "g.yaml:6:9: error: duplicate stage id 'a' (ids are unique; first defined at line 3)");
  EXPECT_EQ(lines[3].rfind("g.yaml:8:5: error: stage has no 'id'", 0), 0u) << lines[3];
  EXPECT_EQ(lines[4].rfind("g.yaml:9:5: error: stage 'c' has no 'type'", 0), 0u) << lines[4];
}

TEST(GraphLoader, SubstitutesVariablesAndOverrides) {
  const std::string yaml = R"(variables:
  topic: bees
  fps: 30
stages:
  - id: a
    type: test_source
    params: { text: "about ${topic} at ${fps} fps, literal $${x}" }
)";
  auto r = load(yaml);
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
  EXPECT_EQ(r.graph->stages[0].params.at("text").value.Scalar(), "about bees at 30 fps, literal ${x}");
  auto o = load(yaml, {{"topic", "ants"}});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.graph->stages[0].params.at("text").value.Scalar(), "about ants at 30 fps, literal ${x}");
}

TEST(GraphLoader, UndefinedVariableAndUndeclaredOverrideAreErrors) {
  auto r = load("variables: { topic: x }\nstages:\n  - id: a\n    type: t\n    params: { text: \"${topc}\" }\n",
                {{"speed", "2"}});
  ASSERT_EQ(r.diagnostics.size(), 2u) << format_diagnostics(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].to_string(),
            "g.yaml: error: --set speed: the graph declares no variable 'speed' (one of: topic)");
  EXPECT_EQ(r.diagnostics[1].to_string(), "g.yaml:5:21: error: undefined variable 'topc' (one of: topic)");
}

TEST(GraphLoader, EnvironmentReferencesResolveAndAreMarked) {
  auto r = load("stages:\n  - id: a\n    type: t\n    params:\n      key: ${env:API_KEY}\n      other: plain\n");
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
  EXPECT_EQ(r.graph->stages[0].params.at("key").value.Scalar(), "sk-test-123456");
  EXPECT_TRUE(r.graph->stages[0].params.at("key").from_environment);
  EXPECT_FALSE(r.graph->stages[0].params.at("other").from_environment);
}

TEST(GraphLoader, MissingEnvironmentVariableIsAnErrorWithoutValue) {
  auto r = load("stages:\n  - id: a\n    type: t\n    params: { key: \"${env:NOT_SET_ANYWHERE}\" }\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].to_string(),
            "g.yaml:4:20: error: environment variable 'NOT_SET_ANYWHERE' is not set (export NOT_SET_ANYWHERE before running)");
}

TEST(GraphLoader, BadTimeoutRetryAndReferences) {
  auto r = load(R"(stages:
  - id: a
    type: t
    timeout: soon
    retry: { attempts: 0, backoff: fast }
    inputs: { x: "b." }
)");
  ASSERT_EQ(r.diagnostics.size(), 4u) << format_diagnostics(r.diagnostics);
  EXPECT_NE(r.diagnostics[0].message.find("malformed input reference 'b.'"), std::string::npos);
  EXPECT_EQ(r.diagnostics[1].to_string(), "g.yaml:5:24: error: invalid retry attempts '0' (a whole number from 1 to 100)");
  EXPECT_EQ(r.diagnostics[2].location.line, 5);
  EXPECT_EQ(r.diagnostics[3].to_string(), "g.yaml:4:14: error: invalid timeout (a duration such as 90s or 5m)");
}

TEST(GraphLoader, NotAMappingOrNoStages) {
  EXPECT_EQ(load("- a\n- b\n").diagnostics.at(0).message, "a graph must be a YAML mapping");
  EXPECT_EQ(load("name: x\n").diagnostics.at(0).message, "graph has no 'stages'");
  EXPECT_EQ(load("stages: {}\n").diagnostics.at(0).message, "'stages' must be a list");
}

TEST(GraphLoader, MissingFileIsAnError) {
  auto r = GraphLoader().load_file("/nonexistent/graph.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].to_string().find("/nonexistent/graph.yaml: error: cannot read graph file"), std::string::npos);
}

}  // namespace
}  // namespace reelflow::framework
