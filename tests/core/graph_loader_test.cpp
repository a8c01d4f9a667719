// The YAML loader: structure, keys, ids, variables and environment references,
// each error with its file, line and column.
#include "graph/graph_loader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <unistd.h>

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
  EXPECT_EQ(lines[0], "g.yaml:1:1: error: unknown key 'stagez' in graph (one of: description, inputs, name, outputs, reelflow, stages, variables)");
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

TEST(GraphLoader, GraphDirIsTheFilesOwnDirectoryAndUnknownForAString) {
  const std::string yaml = "stages:\n  - id: a\n    type: t\n    params: { image: \"${graph_dir}/assets/x.png\" }\n";
  const auto dir = std::filesystem::temp_directory_path() /
                   ("reelflow-graph-dir-" + std::to_string(::getpid())) / "graphs";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "g.yaml") << yaml;
  // A relative path to the file still gives an absolute directory.
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.parent_path());
  auto from_file = GraphLoader().load_file("graphs/g.yaml");
  std::filesystem::current_path(cwd);
  ASSERT_TRUE(from_file.ok()) << format_diagnostics(from_file.diagnostics);
  EXPECT_EQ(from_file.graph->stages[0].params.at("image").value.Scalar(), (dir / "assets/x.png").string());
  std::filesystem::remove_all(dir.parent_path());

  auto from_string = load(yaml);
  ASSERT_EQ(from_string.diagnostics.size(), 1u);
  EXPECT_EQ(from_string.diagnostics[0].to_string(),
            "g.yaml:4:22: error: ${graph_dir} is only known for a graph read from a file (a path of its own)");
}

TEST(GraphLoader, GraphDirCannotBeDeclaredAsAVariable) {
  // Else a graph could make ${graph_dir} settable by whoever runs it, or by a job.
  auto r = load("variables: { graph_dir: /tmp }\nstages:\n  - id: a\n    type: t\n    params: { text: \"${graph_dir}\" }\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].to_string(),
            "g.yaml:1:14: error: 'graph_dir' is reserved (${graph_dir} is the graph file's directory) (another name)");
}

TEST(GraphLoader, UndefinedVariableAndUndeclaredOverrideAreErrors) {
  auto r = load("variables: { topic: x }\nstages:\n  - id: a\n    type: t\n    params: { text: \"${topc}\" }\n",
                {{"speed", "2"}});
  ASSERT_EQ(r.diagnostics.size(), 2u) << format_diagnostics(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].to_string(),
            "g.yaml: error: the graph declares no variable 'speed' (one of: topic)");
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

// ---- limits and hostile input (each of these once crashed or hung the loader) ----

std::vector<std::string> lines_of(const GraphLoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.to_string());
  return out;
}

TEST(GraphLoaderLimits, LongValuesDoNotExhaustTheStack) {
  // std::regex recursed once per character: these overflowed the stack.
  const std::string long_id = "a" + std::string(200'000, 'b');
  auto bad_id = load("stages:\n  - id: " + long_id + "!\n    type: t\n");
  ASSERT_EQ(bad_id.diagnostics.size(), 1u);
  EXPECT_EQ(bad_id.diagnostics[0].message, "invalid stage id '" + long_id.substr(0, 60) + "...' (200002 characters)");

  const std::string long_name(200'000, 'v');
  auto var = load("stages:\n  - id: a\n    type: t\n    params: { x: \"${" + long_name + "}\" }\n");
  ASSERT_EQ(var.diagnostics.size(), 1u);
  EXPECT_EQ(var.diagnostics[0].message, "undefined variable '" + long_name + "'");

  auto duration = load("stages:\n  - id: a\n    type: t\n    timeout: " + std::string(200'000, '9') + "s\n");
  ASSERT_EQ(duration.diagnostics.size(), 1u);
  EXPECT_EQ(duration.diagnostics[0].expected, "at most 168h");
}

TEST(GraphLoaderLimits, StageIdsAreAtMost64Characters) {
  // Ids name work directories and cache entries: a 300-character id ended in an
  // uncaught filesystem_error (file name too long) at run time.
  const std::string id64 = "a" + std::string(63, 'b');
  auto ok = load("stages:\n  - id: " + id64 + "\n    type: t\n");
  ASSERT_TRUE(ok.ok()) << format_diagnostics(ok.diagnostics);
  auto too_long = load("stages:\n  - id: " + id64 + "c\n    type: t\n");
  ASSERT_EQ(too_long.diagnostics.size(), 1u);
  EXPECT_EQ(too_long.diagnostics[0].location.line, 2);
  EXPECT_NE(too_long.diagnostics[0].expected.find("at most 64 characters"), std::string::npos);
}

TEST(GraphLoader, DuplicateKeysAreErrorsAtTheRepeat) {
  // yaml-cpp keeps both and a lookup sees the first: "timeout: 1s" below would be ignored.
  auto r = load(R"(name: a
stages:
  - id: a
    type: t
    timeout: 5m
    params: { x: 1, y: 2, x: 3 }
    timeout: 1s
name: b
)");
  EXPECT_EQ(lines_of(r), (std::vector<std::string>{
                             "g.yaml:6:27: error: duplicate key 'x' (each key once per mapping; first written at line 6)",
                             "g.yaml:7:5: error: duplicate key 'timeout' (each key once per mapping; first written at line 5)",
                             "g.yaml:8:1: error: duplicate key 'name' (each key once per mapping; first written at line 1)"}));
}

TEST(GraphLoaderLimits, DurationsTooLargeForADoubleAreTooLong) {
  // std::stod threw std::out_of_range, which escaped load_string.
  const std::string huge = "1" + std::string(400, '0');
  auto r = load("stages:\n  - id: a\n    type: t\n    timeout: " + huge + "s\n    retry: { attempts: 2, backoff: " + huge + " }\n");
  EXPECT_EQ(lines_of(r), (std::vector<std::string>{
                             "g.yaml:5:36: error: retry backoff '" + huge + "' is too long (at most 1h)",
                             "g.yaml:4:14: error: timeout '" + huge + "s' is too long (at most 168h)"}));
}

TEST(GraphLoaderLimits, TimeoutAndBackoffLimits) {
  auto at_limit = load("stages:\n  - id: a\n    type: t\n    timeout: 168h\n    retry: { attempts: 2, backoff: 60m }\n");
  ASSERT_TRUE(at_limit.ok()) << format_diagnostics(at_limit.diagnostics);
  EXPECT_DOUBLE_EQ(*at_limit.graph->stages[0].timeout_s, 7 * 24 * 3600.0);
  EXPECT_DOUBLE_EQ(at_limit.graph->stages[0].retry->backoff_s, 3600.0);
  EXPECT_EQ(lines_of(load("stages:\n  - id: a\n    type: t\n    timeout: 169h\n    retry: { backoff: 3601s }\n")),
            (std::vector<std::string>{"g.yaml:5:23: error: retry backoff '3601s' is too long (at most 1h)",
                                      "g.yaml:4:14: error: timeout '169h' is too long (at most 168h)"}));
  // The forms the format documents still parse.
  auto forms = load("stages:\n  - id: a\n    type: t\n    timeout: \" 1.5 m \"\n    retry: { backoff: 250ms }\n");
  ASSERT_TRUE(forms.ok()) << format_diagnostics(forms.diagnostics);
  EXPECT_DOUBLE_EQ(*forms.graph->stages[0].timeout_s, 90.0);
  EXPECT_DOUBLE_EQ(forms.graph->stages[0].retry->backoff_s, 0.25);
  EXPECT_EQ(load("stages:\n  - id: a\n    type: t\n    timeout: .5s\n").diagnostics.at(0).message, "invalid timeout");
  EXPECT_EQ(load("stages:\n  - id: a\n    type: t\n    timeout: 5.s\n").diagnostics.at(0).message, "invalid timeout");
  EXPECT_EQ(load("stages:\n  - id: a\n    type: t\n    timeout: 5 d\n").diagnostics.at(0).message, "invalid timeout");
}

TEST(GraphLoaderLimits, SubstitutionKeepsUnclosedReferencesAndLiterals) {
  auto r = load("variables: { v: x }\nstages:\n  - id: a\n    type: t\n    params: { p: \"$${v} ${v} $$${v} ${v\" }\n");
  ASSERT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
  EXPECT_EQ(r.graph->stages[0].params.at("p").value.Scalar(), "${v} x $${v} ${v");
}

TEST(GraphLoaderLimits, AliasInsideItsOwnAnchorIsRefused) {
  // &x [*x] is a list that contains itself: substitution recursed forever.
  auto r = load("stages:\n  - id: a\n    type: t\n    params: { names: &x [*x] }\n");
  ASSERT_EQ(r.diagnostics.size(), 1u) << format_diagnostics(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].message, "graph nests lists and mappings more than 64 levels deep");
  EXPECT_EQ(r.diagnostics[0].expected, "at most 64; an alias (*a) inside its own anchor (&a) nests forever");
}

TEST(GraphLoaderLimits, DeepNestingIsRefused) {
  const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  // The root map, `stages`, the stage, `params` and the value itself: 4 levels above the list.
  auto at_limit = load("stages:\n  - id: a\n    type: t\n    params: { names: " + nested(60) + " }\n");
  EXPECT_TRUE(at_limit.ok()) << format_diagnostics(at_limit.diagnostics);
  auto deeper = load("stages:\n  - id: a\n    type: t\n    params: { names: " + nested(61) + " }\n");
  ASSERT_EQ(deeper.diagnostics.size(), 1u);
  EXPECT_EQ(deeper.diagnostics[0].to_string(),
            "g.yaml:4:82: error: graph nests lists and mappings more than 64 levels deep "
            "(at most 64; an alias (*a) inside its own anchor (&a) nests forever)");
  // Beyond yaml-cpp's own recursion guard the parser stops first, with the same message.
  auto far = load("stages: " + nested(5000) + "\n");
  ASSERT_EQ(far.diagnostics.size(), 1u);
  EXPECT_EQ(far.diagnostics[0].message, "graph nests lists and mappings more than 64 levels deep");
}

TEST(GraphLoaderLimits, AliasBombIsRefusedQuickly) {
  // Nine levels of ten aliases each: a billion values when walked, from 300 bytes.
  std::string yaml = "variables:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    yaml += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) yaml += (j ? ", " : "") + prev;
    yaml += "]\n";
  }
  yaml += "stages:\n  - id: a\n    type: t\n    params: { names: *l8 }\n";
  const auto start = std::chrono::steady_clock::now();
  auto r = load(yaml);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(r.diagnostics.size(), 1u) << format_diagnostics(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].message, "graph has more than 1000000 YAML values");
  EXPECT_EQ(r.diagnostics[0].expected, "at most 1000000, each use of an alias counted");
  EXPECT_LT(elapsed, std::chrono::seconds(20));  // a bound against hanging, not a benchmark
}

std::string stages_yaml(std::size_t count) {
  std::string yaml = "stages:\n";
  for (std::size_t i = 0; i < count; ++i) yaml += "  - { id: s" + std::to_string(i) + ", type: t }\n";
  return yaml;
}

TEST(GraphLoaderLimits, AtMostTenThousandStages) {
  auto at_limit = load(stages_yaml(GraphLoader::kMaxStages));
  ASSERT_TRUE(at_limit.ok()) << format_diagnostics(at_limit.diagnostics).substr(0, 300);
  EXPECT_EQ(at_limit.graph->stages.size(), 10'000u);
  EXPECT_EQ(lines_of(load(stages_yaml(GraphLoader::kMaxStages + 1))),
            std::vector<std::string>{"g.yaml:2:3: error: graph has too many stages (10001) (at most 10000)"});
}

TEST(GraphLoaderLimits, OversizedStringIsRefusedBeforeParsing) {
  const std::string big = "stages: []\n#" + std::string(GraphLoader::kMaxGraphBytes, 'x') + "\n";
  auto r = load(big);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].to_string(), "g.yaml: error: graph is too large (at most 4 MiB)");
}

}  // namespace
}  // namespace reelflow::framework
