// Sub-graphs (`type: graph`, docs/graph-format.md "Sub-graphs"): a part file's stages
// dissolve into the graph that includes it, ids "<stage>/<inner id>", wired through
// its declared inputs and outputs; its variables take the including stage's params.
// Errors are located in the file where they are written; a part may not be chosen by
// a variable, leave its graph's directory, include itself or come from a string; and
// a job variable reaches a trusted parameter through a part only as it could directly.
#include "graph_run.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace reelflow::testing {
namespace {

namespace fs = std::filesystem;
using framework::Diagnostics;
using framework::GraphLoader;
using framework::GraphValidator;
using framework::VariableSource;

// A part that waits a little and passes its input on.
const char* const kPassPart = R"(inputs:
  in: text
outputs:
  text: wait.text
variables:
  ms: { type: int, default: 1, min: 0, max: 100 }
stages:
  - id: wait
    type: test_sleep
    inputs: { in: inputs.in }
    params: { ms: "${ms}" }
)";

class SubgraphTest : public ::testing::Test {
 protected:
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
  }

  framework::ValidationResult validate(const std::string& top, std::map<std::string, std::string> variables = {},
                                       VariableSource source = VariableSource::Runner) const {
    const GraphLoader loader([](const std::string&) -> std::optional<std::string> { return std::nullopt; });
    return GraphValidator(reg.registry).validate(loader.load_file(dir / top, variables, source));
  }

  std::vector<std::string> errors(const std::string& top, std::map<std::string, std::string> variables = {},
                                  VariableSource source = VariableSource::Runner) const {
    std::vector<std::string> out;
    for (const auto& d : validate(top, std::move(variables), source).diagnostics) out.push_back(d.to_string());
    return out;
  }

  // "<dir>/<file>:<line>:<col>: error: "
  std::string at(const std::string& file, int line, int column) const {
    return (dir / file).string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
  }

  TestRegistry reg;
  TempDir dir;
};

std::vector<std::string> ids_of(const framework::ExecutionPlan& plan) {
  std::vector<std::string> ids;
  for (const auto& s : plan.graph.stages) ids.push_back(s.id);
  return ids;
}

const framework::StageNode& stage(const framework::ExecutionPlan& plan, const std::string& id) {
  const auto* node = plan.graph.find_stage(id);
  if (!node) throw std::runtime_error("no stage " + id);
  return *node;
}

std::string source_of(const framework::StageNode& node, const std::string& input) {
  const auto& ref = node.inputs.at(input);
  return ref.stage + "." + ref.port;
}

TEST_F(SubgraphTest, APartUsedTwiceBecomesTwoSetsOfStagesWiredToTheIncludingGraph) {
  write("parts/pass.yaml", kPassPart);
  write("main.yaml", R"(stages:
  - id: src
    type: test_source
    params: { text: hi }
  - id: first
    type: graph
    inputs: { in: src.text }
    params: { file: parts/pass.yaml, ms: 2 }
  - id: second
    type: graph
    inputs: { in: first.text }
    params: { file: parts/pass.yaml }
  - id: join
    type: test_concat
    inputs: { a: first, b: second.text }
)");
  auto v = validate("main.yaml");
  ASSERT_TRUE(v.ok()) << framework::format_diagnostics(v.diagnostics);
  EXPECT_EQ(ids_of(*v.plan), (std::vector<std::string>{"src", "first/wait", "second/wait", "join"}));
  EXPECT_EQ(source_of(stage(*v.plan, "first/wait"), "in"), "src.text");
  EXPECT_EQ(source_of(stage(*v.plan, "second/wait"), "in"), "first/wait.text");
  EXPECT_EQ(source_of(stage(*v.plan, "join"), "a"), "first/wait.text");  // its only output
  EXPECT_EQ(source_of(stage(*v.plan, "join"), "b"), "second/wait.text");
  // Each use has its own values: one set, one default.
  EXPECT_EQ(stage(*v.plan, "first/wait").params.at("ms").value.Scalar(), "2");
  EXPECT_EQ(stage(*v.plan, "second/wait").params.at("ms").value.Scalar(), "1");
  // Inner stages keep the inner file's locations.
  EXPECT_EQ(stage(*v.plan, "first/wait").location.file, (dir / "parts/pass.yaml").string());
  EXPECT_EQ(stage(*v.plan, "first/wait").location.line, 8);
  EXPECT_EQ(v.plan->graph.part_texts.at("parts/pass.yaml"), kPassPart);
}

TEST_F(SubgraphTest, PartsNestAndResolveAgainstTheirOwnDirectory) {
  write("parts/pass.yaml", kPassPart);
  write("parts/twice.yaml", R"(inputs: { in: text }
outputs: { text: b.text }
stages:
  - id: a
    type: graph
    inputs: { in: inputs.in }
    params: { file: pass.yaml }
  - id: b
    type: graph
    inputs: { in: a.text }
    params: { file: ./pass.yaml, ms: 3 }
)");
  write("main.yaml", R"(stages:
  - id: src
    type: test_source
  - id: outer
    type: graph
    inputs: { in: src.text }
    params: { file: parts/twice.yaml }
  - id: end
    type: test_sleep
    inputs: { in: outer.text }
)");
  auto v = validate("main.yaml");
  ASSERT_TRUE(v.ok()) << framework::format_diagnostics(v.diagnostics);
  EXPECT_EQ(ids_of(*v.plan), (std::vector<std::string>{"src", "outer/a/wait", "outer/b/wait", "end"}));
  EXPECT_EQ(source_of(stage(*v.plan, "outer/a/wait"), "in"), "src.text");
  EXPECT_EQ(source_of(stage(*v.plan, "end"), "in"), "outer/b/wait.text");
  EXPECT_EQ(stage(*v.plan, "outer/b/wait").params.at("ms").value.Scalar(), "3");
  // The edge into outer/a/wait passed two declared inputs, outermost first.
  const auto& crossings = stage(*v.plan, "outer/a/wait").inputs.at("in").crossings;
  ASSERT_EQ(crossings.size(), 2u);
  EXPECT_EQ(crossings[0].stage, "outer");
  EXPECT_EQ(crossings[1].stage, "a");
  EXPECT_EQ(v.plan->graph.part_texts.size(), 2u);
}

TEST_F(SubgraphTest, AfterOnErrorAndTheStageCacheWorkForInnerStages) {
  const std::string counters = (dir / "counters").string();
  write("parts/count.yaml", R"(inputs: { in: text }
outputs: { text: b.text }
stages:
  - id: a
    type: test_counter
    inputs: { in: inputs.in }
    params: { counter_dir: ")" + counters + R"(", name: a.txt }
  - id: b
    type: test_counter
    inputs: { in: a.text }
    params: { counter_dir: ")" + counters + R"(", name: b.txt }
)");
  write("main.yaml", R"(stages:
  - id: src
    type: test_source
  - id: gate
    type: test_sleep
    params: { ms: 1 }
  - id: part
    type: graph
    after: [gate]
    on_error: continue
    inputs: { in: src.text }
    params: { file: parts/count.yaml }
  - id: last
    type: test_sleep
    after: [part]
)");
  auto v = validate("main.yaml");
  ASSERT_TRUE(v.ok()) << framework::format_diagnostics(v.diagnostics);
  const auto& last = stage(*v.plan, "last");
  ASSERT_EQ(last.after.size(), 2u);  // after all of the part
  EXPECT_EQ(last.after[0].stage, "part/a");
  EXPECT_EQ(last.after[1].stage, "part/b");
  ASSERT_EQ(stage(*v.plan, "part/a").after.size(), 1u);
  EXPECT_EQ(stage(*v.plan, "part/a").after[0].stage, "gate");
  EXPECT_EQ(stage(*v.plan, "part/b").on_error, framework::OnError::Continue);

  auto first = run_graph_file(dir / "main.yaml", dir.path());
  ASSERT_TRUE(first.loaded) << first.load_errors;
  ASSERT_EQ(first.result.outcome, RunOutcome::Succeeded) << first.result.error;
  EXPECT_EQ(first.text_output("part/b.text"), "hello|x|x");
  EXPECT_TRUE(fs::exists(dir / "counters" / "part" / "a.count"));
  // A second run restores every inner stage from the cache, running none of them.
  auto second = run_graph_file(dir / "main.yaml", dir.path());
  ASSERT_EQ(second.result.outcome, RunOutcome::Succeeded) << second.result.error;
  for (const char* id : {"part/a", "part/b"}) {
    auto finished = second.of_kind(EventKind::StageFinished, id);
    ASSERT_EQ(finished.size(), 1u) << id;
    EXPECT_EQ(finished[0].message, "cached") << id;
    std::ifstream count(dir / "counters" / (std::string(id) + ".count"));
    EXPECT_EQ(std::count(std::istreambuf_iterator<char>(count), {}, '\n'), 1) << id << " ran again";
  }
  EXPECT_EQ(second.text_output("part/b.text"), "hello|x|x");
}

TEST_F(SubgraphTest, StreamStagesOfAPartPlayInOneSegmentWithTheIncludingGraphs) {
  write("parts/filter.yaml", R"(inputs: { in: stream }
outputs: { out: f.out }
stages:
  - id: f
    type: test_stream_filter
    inputs: { in: inputs.in }
)");
  write("main.yaml", R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 12 }
  - id: mid
    type: graph
    inputs: { in: src.out }
    params: { file: parts/filter.yaml }
  - id: sink
    type: test_stream_sink
    inputs: { in: mid.out }
)");
  auto run = run_graph_file(dir / "main.yaml", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(run.text_output("sink.count"), "12");
  EXPECT_EQ(run.of_kind(EventKind::StageFinished, "mid/f").size(), 1u);
}

TEST_F(SubgraphTest, AnErrorInsideIsReportedAtTheInnerFilesLineWithTheOuterOnesAllAtOnce) {
  write("parts/bad.yaml", R"(inputs: { in: text }
stages:
  - id: t
    type: test_sleep
    inputs: { in: inputs.in }
    params: { ms: 5, colour: red }
)");
  write("main.yaml", R"(stages:
  - id: src
    type: test_source
  - id: p
    type: graph
    inputs: { in: src.text }
    params: { file: parts/bad.yaml }
  - id: q
    type: test_nope
)");
  const auto found = errors("main.yaml");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], at("parts/bad.yaml", 6, 30) + "stage 'p/t' (test_sleep) has no parameter 'colour' (one of: ms)");
  EXPECT_EQ(found[1].rfind(at("main.yaml", 9, 11) + "unknown stage type 'test_nope' for stage 'q'", 0), 0u) << found[1];
}

TEST_F(SubgraphTest, TheIncludingStagesParamsAreCheckedAgainstThePartsVariables) {
  write("parts/pass.yaml", kPassPart);
  write("main.yaml", R"(stages:
  - id: src
    type: test_source
  - id: p
    type: graph
    inputs: { in: src.text }
    params: { file: parts/pass.yaml, ms: 500, speed: 2 }
)");
  const std::string part = (dir / "parts/pass.yaml").string();
  EXPECT_EQ(errors("main.yaml"),
            (std::vector<std::string>{
                at("main.yaml", 7, 42) + "variable 'ms' of sub-graph '" + part +
                    "': '500' is more than its max 100 (a whole number from 0 to 100)",
                at("main.yaml", 7, 54) + "sub-graph '" + part + "' declares no variable 'speed' (file, or one of: ms)"}));
}

TEST_F(SubgraphTest, DeclaredInputsAndOutputsMustBeConnectedKnownAndOfFittingTypes) {
  write("parts/pass.yaml", kPassPart);
  write("main.yaml", R"(stages:
  - id: s
    type: test_script
  - id: t
    type: test_source
  - id: wrong_type
    type: graph
    inputs: { in: s.script }
    params: { file: parts/pass.yaml }
  - id: unconnected
    type: graph
    inputs: { nope: t.text }
    params: { file: parts/pass.yaml }
  - id: reader
    type: test_sleep
    inputs: { in: wrong_type.video }
)");
  EXPECT_EQ(errors("main.yaml"),
            (std::vector<std::string>{
                at("main.yaml", 10, 5) + "input 'in' of sub-graph stage 'unconnected' (" +
                    (dir / "parts/pass.yaml").string() + ") is not connected (inputs: { in: <stage>.<port> } giving text)",
                at("main.yaml", 12, 15) + "sub-graph stage 'unconnected' (" + (dir / "parts/pass.yaml").string() +
                    ") has no input 'nope' (one of: in)",
                at("main.yaml", 16, 19) + "sub-graph stage 'wrong_type' (" + (dir / "parts/pass.yaml").string() +
                    ") has no output 'video' (one of: text)",
                at("main.yaml", 8, 19) +
                    "type mismatch: input 'in' of sub-graph stage 'wrong_type' takes text but 's.script' gives script "
                    "(an output of type text)"}));
}

// A part is reached through what it declares: not its inner stages by id, and not
// more stages in all than a graph may have.
TEST_F(SubgraphTest, APartsInsideIsNotAddressableAndItsStagesCountTowardsTheLimit) {
  write("parts/pass.yaml", kPassPart);
  write("main.yaml", R"(stages:
  - id: src
    type: test_source
  - id: p
    type: graph
    inputs: { in: src.text }
    params: { file: parts/pass.yaml }
  - id: peek
    type: test_sleep
    inputs: { in: p/wait.text }
)");
  EXPECT_EQ(errors("main.yaml"),
            (std::vector<std::string>{at("main.yaml", 10, 19) +
                                      "input 'in' of stage 'peek' reads stage 'p/wait' inside a sub-graph (an output "
                                      "the sub-graph declares: <stage>.<output>)"}));
  // 101 stages, used 100 times: more than 10000 stages.
  std::string many = "stages:\n";
  for (int i = 0; i < 101; ++i) many += "  - id: s" + std::to_string(i) + "\n    type: test_source\n";
  write("parts/many.yaml", many);
  std::string main = "stages:\n";
  for (int i = 0; i < 100; ++i) main += "  - id: m" + std::to_string(i) + "\n    type: graph\n    params: { file: parts/many.yaml }\n";
  write("big.yaml", main);
  const auto big = errors("big.yaml");
  ASSERT_EQ(big.size(), 1u);
  EXPECT_EQ(big[0], at("big.yaml", 299, 5) + "with sub-graph stage 'm99' the graph has more than 10000 stages (at most "
                                             "10000, counting each part's stages)");
}

TEST_F(SubgraphTest, ThePartsOwnTypesMustFitItsStages) {
  write("parts/lying.yaml", R"(inputs: { in: script }
stages:
  - id: w
    type: test_sleep
    inputs: { in: inputs.in }
)");
  write("main.yaml", R"(stages:
  - id: s
    type: test_script
  - id: p
    type: graph
    inputs: { in: s.script }
    params: { file: parts/lying.yaml }
)");
  EXPECT_EQ(errors("main.yaml"),
            (std::vector<std::string>{at("parts/lying.yaml", 5, 19) +
                                      "type mismatch: input 'in' of stage 'p/w' takes text but sub-graph input 'in' "
                                      "gives script (declare it as text)"}));
}

TEST_F(SubgraphTest, FilesThatLeaveTheDirectoryAreAbsoluteOrMissingAreRefused) {
  write("main.yaml", R"(stages:
  - id: up
    type: graph
    params: { file: ../other/part.yaml }
  - id: absolute
    type: graph
    params: { file: /etc/passwd }
  - id: missing
    type: graph
    params: { file: parts/none.yaml }
  - id: odd
    type: graph
    params: { file: "parts/a b.yaml" }
  - id: nofile
    type: graph
    params: { aspect: "9:16" }
)");
  EXPECT_EQ(errors("main.yaml"),
            (std::vector<std::string>{
                at("main.yaml", 4, 21) + "sub-graph file '../other/part.yaml' is refused: '..' leaves the including "
                                         "graph's directory (a path below the including graph's directory, such as "
                                         "parts/render.yaml)",
                at("main.yaml", 7, 21) + "sub-graph file '/etc/passwd' is refused: an absolute path; name a file below "
                                         "the including graph's directory (a path below the including graph's "
                                         "directory, such as parts/render.yaml)",
                at("main.yaml", 10, 21) + "cannot read sub-graph '" + (dir / "parts/none.yaml").string() +
                    "': no such file (a graph file below the including graph's directory)",
                at("main.yaml", 13, 21) + "sub-graph file 'parts/a b.yaml' is refused: use letters, digits, '_', '.', "
                                          "'-' and '/' only (a path below the including graph's directory, such as "
                                          "parts/render.yaml)",
                at("main.yaml", 14, 5) + "sub-graph stage 'nofile' has no 'file' parameter (params: { file: "
                                         "parts/name.yaml })"}));
}

TEST_F(SubgraphTest, APartThatIncludesItselfOrNestsTooDeepIsRefused) {
  write("a.yaml", "stages:\n  - id: b\n    type: graph\n    params: { file: b.yaml }\n");
  write("b.yaml", "stages:\n  - id: a\n    type: graph\n    params: { file: a.yaml }\n");
  const auto cycle = errors("a.yaml");
  ASSERT_EQ(cycle.size(), 1u);
  EXPECT_EQ(cycle[0], at("b.yaml", 4, 21) + "sub-graph 'a.yaml' includes itself: a.yaml -> b.yaml -> a.yaml "
                                            "(sub-graphs that do not include one another in a loop)");
  // level0.yaml includes level1.yaml ... level9.yaml: nine levels, one too many.
  for (int i = 0; i < 10; ++i)
    write("level" + std::to_string(i) + ".yaml",
          i == 9 ? "stages:\n  - id: s\n    type: test_source\n"
                 : "stages:\n  - id: n\n    type: graph\n    params: { file: level" + std::to_string(i + 1) + ".yaml }\n");
  const auto deep = errors("level0.yaml");
  ASSERT_EQ(deep.size(), 1u);
  EXPECT_EQ(deep[0], at("level8.yaml", 4, 21) + "sub-graphs nest more than 8 levels deep at 'level9.yaml' "
                                                "(at most 8 levels of type: graph)");
  EXPECT_TRUE(validate("level1.yaml").ok());  // eight levels are fine
}

TEST_F(SubgraphTest, TheFileIsNeverTakenFromAVariableAndAStringGraphNamesNoFiles) {
  write("parts/pass.yaml", kPassPart);
  write("main.yaml", R"(variables:
  part: { type: enum, choices: [parts/pass.yaml], default: parts/pass.yaml, trusted: true }
stages:
  - id: src
    type: test_source
  - id: p
    type: graph
    inputs: { in: src.text }
    params: { file: "${part}" }
)");
  EXPECT_EQ(errors("main.yaml"),
            (std::vector<std::string>{at("main.yaml", 9, 21) +
                                      "parameter 'file' of sub-graph stage 'p' must be written out, not taken from a "
                                      "variable or the environment (a path such as parts/render.yaml)"}));
  // An uploaded graph: the same stage, read from a string, may not name a file at all,
  // whether it exists or not (no existence oracle).
  for (const char* file : {"parts/pass.yaml", "parts/none.yaml"}) {
    const std::string yaml = std::string("stages:\n  - id: p\n    type: graph\n    params: { file: ") + file + " }\n";
    const auto d = GraphValidator(reg.registry).validate(GraphLoader().load_string(yaml, "upload.yaml")).diagnostics;
    ASSERT_EQ(d.size(), 1u) << file;
    EXPECT_EQ(d[0].to_string(),
              "upload.yaml:3:11: error: stage 'p' is a sub-graph, but this graph was not loaded from a file: it may not "
              "name other files (stages of its own; sub-graphs work in graph files (reelflow run, a service's allowed "
              "graphs))");
  }
  // With its parts' texts (a confined child, a job's worker) it may, and reads no file.
  const auto with_parts = GraphLoader().load_string("stages:\n  - id: p\n    type: graph\n    params: { file: x.yaml }\n",
                                                    "g.yaml", {}, VariableSource::Runner,
                                                    framework::GraphParts::texts({{"x.yaml", "stages:\n  - id: s\n    type: test_source\n"}}));
  ASSERT_TRUE(with_parts.ok()) << framework::format_diagnostics(with_parts.diagnostics);
  EXPECT_EQ(with_parts.graph->stages.at(0).id, "p/s");
}

// The trusted-parameter rule (docs/security.md) holds through a part: a job variable
// that reaches a file path through the part's variable is refused exactly as if the
// including graph had written it into the parameter itself.
TEST_F(SubgraphTest, AJobVariableReachesATrustedParamThroughAPartOnlyAsItCouldDirectly) {
  write("parts/clip.yaml", R"(variables:
  out: clip.mp4
stages:
  - id: v
    type: test_video
    params: { frames: 5, name: "clips/${out}" }
)");
  const std::string through = R"(variables:
  name: { type: string, default: a.mp4 }
  safe: { type: enum, choices: [a.mp4, b.mp4], default: a.mp4 }
stages:
  - id: p
    type: graph
    params: { file: parts/clip.yaml, out: "${name}" }
)";
  write("through.yaml", through);
  write("direct.yaml", R"(variables:
  name: { type: string, default: a.mp4 }
stages:
  - id: v
    type: test_video
    params: { frames: 5, name: "clips/${name}" }
)");
  const auto refused = errors("through.yaml");
  const auto direct = errors("direct.yaml");
  ASSERT_EQ(refused.size(), 1u);
  ASSERT_EQ(direct.size(), 1u);
  EXPECT_EQ(refused[0], at("through.yaml", 7, 43) +
                            "variable 'name' may not feed parameter 'name' of stage 'p/v' (test_video), which is a file "
                            "path: it is an unconstrained string (declare 'name' (line 2) as type: enum with fixed "
                            "choices, an int/number/bool, a pattern over [A-Za-z0-9_.-] without '..', or trusted: true "
                            "(set only by whoever runs the graph, never by a job))");
  // The same words as the direct use: only the place and the stage's id differ.
  auto message = [](std::string line) { return line.substr(line.find(": error: ")); };
  std::string inner = message(refused[0]);
  inner.replace(inner.find("'p/v'"), 5, "'v'");
  EXPECT_EQ(inner, message(direct[0]));
  // An enum is safe, directly and through the part; so is a literal.
  std::string safe = through;
  safe.replace(safe.find("${name}"), 7, "${safe}");
  write("safe.yaml", safe);
  EXPECT_TRUE(validate("safe.yaml", {{"safe", "b.mp4"}}, VariableSource::Job).ok());
  std::string literal = through;
  literal.replace(literal.find("\"${name}\""), 9, "b.mp4");
  write("literal.yaml", literal);
  EXPECT_TRUE(validate("literal.yaml").ok());
  // A job cannot set the part's variable itself: it is not the graph's.
  const auto job = errors("literal.yaml", {{"out", "../../etc/passwd"}}, VariableSource::Job);
  ASSERT_EQ(job.size(), 1u);
  EXPECT_NE(job[0].find("the graph declares no variable 'out'"), std::string::npos) << job[0];
}

}  // namespace
}  // namespace reelflow::testing
