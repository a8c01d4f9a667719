// The validator: every kind of graph error, with location and expectation,
// all reported together, before anything runs.
#include "test_registry.hpp"

#include <gtest/gtest.h>

namespace reelflow::testing {
namespace {

std::vector<std::string> errors_of(const framework::ValidationResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.to_string());
  return out;
}

class GraphValidatorTest : public ::testing::Test {
 protected:
  TestRegistry reg;
};

TEST_F(GraphValidatorTest, ValidGraphGetsPlanInDependencyOrder) {
  auto r = reg.validate(R"(stages:
  - id: join
    type: test_concat
    inputs: { a: left.text, b: right }
  - id: left
    type: test_source
  - id: right
    type: test_sleep
    params: { ms: 1 }
)");
  ASSERT_TRUE(r.ok()) << framework::format_diagnostics(r.diagnostics);
  const auto& plan = *r.plan;
  ASSERT_EQ(plan.order.size(), 3u);
  EXPECT_EQ(plan.graph.stages[plan.order.back()].id, "join");
  EXPECT_EQ(plan.stages[0].dependencies.size(), 2u);
  EXPECT_EQ(plan.stages[0].inputs.at("b").source_port, "text");  // `right` alone: its only output
  EXPECT_EQ(plan.stages[2].params.integer("ms"), 1);
  EXPECT_EQ(plan.stages[1].params.str("text"), "hello");  // default applied
}

TEST_F(GraphValidatorTest, UnknownStageTypeSuggestsTheClosest) {
  auto e = errors_of(reg.validate("stages:\n  - id: a\n    type: test_sorce\n"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].rfind("g.yaml:3:11: error: unknown stage type 'test_sorce' for stage 'a' (did you mean 'test_source'? known types: ", 0), 0u)
      << e[0];
}

TEST_F(GraphValidatorTest, ParamErrorsAreAllReported) {
  auto e = errors_of(reg.validate(R"(stages:
  - id: s
    type: test_script
  - id: t
    type: test_typed
    inputs: { script: s.script }
    params:
      count: many
      ratio: 1.5
      flag: maybe
      mode: medium
      names: just-one
      colour: red
)"));
  ASSERT_EQ(e.size(), 7u);
  EXPECT_EQ(e[0], "g.yaml:13:15: error: stage 't' (test_typed) has no parameter 'colour' (one of: must, count, ratio, flag, mode, names)");
  EXPECT_EQ(e[1], "g.yaml:8:14: error: parameter 'count' of stage 't' has the wrong type (int from 1 to 10)");
  EXPECT_EQ(e[2], "g.yaml:10:13: error: parameter 'flag' of stage 't' has the wrong type (bool)");
  EXPECT_EQ(e[3], "g.yaml:11:13: error: parameter 'mode' of stage 't' has invalid value 'medium' (one of: fast slow)");
  EXPECT_EQ(e[4], "g.yaml:12:14: error: parameter 'names' of stage 't' has the wrong type (list of strings)");
  EXPECT_EQ(e[5], "g.yaml:9:14: error: parameter 'ratio' of stage 't' is out of range (1.5) (float from 0 to 1)");
  EXPECT_EQ(e[6], "g.yaml:4:5: error: stage 't' (test_typed) is missing required parameter 'must' (string)");
}

TEST_F(GraphValidatorTest, WiringErrors) {
  auto e = errors_of(reg.validate(R"(stages:
  - id: src
    type: test_source
  - id: t
    type: test_typed
    params: { must: x }
    inputs:
      script: src.text
      extra: nowhere.text
      bogus: src.text
  - id: c
    type: test_concat
    inputs: { a: src.missing, b: src }
)"));
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0], "g.yaml:10:7: error: stage 't' (test_typed) has no input 'bogus' (one of: script (script), extra (text))");
  EXPECT_EQ(e[1], "g.yaml:9:14: error: input 'extra' of stage 't' refers to unknown stage 'nowhere' (the id of a stage in this graph)");
  EXPECT_EQ(e[2], "g.yaml:8:15: error: type mismatch: input 'script' of stage 't' takes script but 'src.text' gives text (an output of type script)");
  EXPECT_EQ(e[3], "g.yaml:13:18: error: stage 'src' (test_source) has no output 'missing' (one of: text (text))");
}

TEST_F(GraphValidatorTest, UnconnectedRequiredInput) {
  auto e = errors_of(reg.validate("stages:\n  - id: c\n    type: test_concat\n    inputs: { a: x }\n  - id: x\n    type: test_source\n"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], "g.yaml:2:5: error: required input 'b' of stage 'c' (test_concat) is not connected (inputs: { b: <stage>.<port> } giving text)");
}

TEST_F(GraphValidatorTest, CyclesAreFound) {
  auto e = errors_of(reg.validate(R"(stages:
  - id: a
    type: test_sleep
    inputs: { in: c }
  - id: b
    type: test_sleep
    inputs: { in: a }
  - id: c
    type: test_sleep
    inputs: { in: b }
  - id: d
    type: test_sleep
    inputs: { in: d }
)"));
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0], "g.yaml:13:19: error: stage 'd' takes its own output as input (an output of another stage)");
  EXPECT_EQ(e[1], "g.yaml:2:5: error: the graph has a cycle through stages a, b, c (stages connected without loops (a directed acyclic graph))");
}

TEST_F(GraphValidatorTest, SecretWrittenInTheGraphIsRefused) {
  auto e = errors_of(reg.validate("stages:\n  - id: s\n    type: test_secret\n    params: { key: sk-live-abcdef }\n"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], "g.yaml:4:20: error: secret parameter 'key' of stage 's' is written in the graph (take it from the environment: ${env:NAME})");
  EXPECT_EQ(e[0].find("sk-live-abcdef"), std::string::npos);
}

TEST_F(GraphValidatorTest, LoaderAndValidatorErrorsComeWithTheFileName) {
  auto loaded = framework::GraphLoader().load_string("stages:\n  - id: a\n    type: nope\n", "/path/to/my.yaml");
  ASSERT_TRUE(loaded.ok());
  auto r = framework::GraphValidator(reg.registry).validate(std::move(*loaded.graph));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].to_string().rfind("/path/to/my.yaml:3:11: error: unknown stage type 'nope'", 0), 0u);
}

}  // namespace
}  // namespace reelflow::testing
