// Typed, bounded graph variables: declarations, the short form, the checks on
// every value the runner or a job sets, and where each error points.
#include "graph/graph_loader.hpp"

#include <gtest/gtest.h>

namespace reelflow::framework {
namespace {

GraphLoadResult load(const std::string& variables, std::map<std::string, std::string> overrides = {},
                     VariableSource source = VariableSource::Runner) {
  const std::string yaml = "variables:\n" + variables + "stages:\n  - id: a\n    type: t\n";
  return GraphLoader().load_string(yaml, "g.yaml", overrides, source);
}

std::string errors(const GraphLoadResult& r) { return format_diagnostics(r.diagnostics); }

const VariableDeclaration& declared(const GraphLoadResult& r, const std::string& name) {
  const GraphVariable* v = r.graph->find_variable(name);
  if (!v) throw std::runtime_error("no variable " + name);
  return v->declaration;
}

TEST(GraphVariables, LongFormDeclaresTypeLimitsAndDescription) {
  auto r = load(R"(  seconds: { type: int, default: 40, min: 10, max: 300, description: spoken length }
  aspect: { type: enum, choices: ["9:16", "16:9"], default: "9:16" }
  voice: { type: string, default: en-us, pattern: "[a-z]{2}-[a-z]{2}", max_length: 16 }
  loud: { type: bool, default: false }
  gain: { type: number, default: -1.5, min: -60, max: 12 }
  video: { type: string, default: in.mp4, trusted: true }
)");
  ASSERT_TRUE(r.ok()) << errors(r);
  const auto& g = *r.graph;
  ASSERT_EQ(g.variables.size(), 6u);
  EXPECT_EQ(g.variables[0].declaration.name, "seconds");  // declaration order is kept
  EXPECT_EQ(declared(r, "seconds").type, VariableType::Int);
  EXPECT_EQ(*declared(r, "seconds").max, 300);
  EXPECT_EQ(declared(r, "seconds").description, "spoken length");
  EXPECT_EQ(declared(r, "aspect").type, VariableType::Enum);
  EXPECT_EQ(declared(r, "aspect").choices, (std::vector<std::string>{"9:16", "16:9"}));
  EXPECT_TRUE(declared(r, "voice").pattern);
  EXPECT_EQ(declared(r, "voice").max_length, 16u);
  EXPECT_TRUE(declared(r, "video").trusted);
  EXPECT_FALSE(declared(r, "seconds").trusted);
  EXPECT_EQ(g.find_variable("seconds")->value, "40");
  EXPECT_EQ(declared(r, "seconds").location.line, 2);
}

TEST(GraphVariables, ShortFormIsAStringOrANumber) {
  auto r = load("  topic: bees\n  seconds: 40\n  empty:\n");
  ASSERT_TRUE(r.ok()) << errors(r);
  EXPECT_EQ(declared(r, "topic").type, VariableType::String);
  EXPECT_TRUE(declared(r, "topic").short_form);
  EXPECT_EQ(declared(r, "seconds").type, VariableType::Number);
  EXPECT_EQ(r.graph->find_variable("empty")->value, "");
  // A number variable still takes any number, and nothing else.
  EXPECT_TRUE(load("  seconds: 40\n", {{"seconds", "12.5"}}).ok());
  auto bad = load("  seconds: 40\n", {{"seconds", "forty"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(errors(bad).find("variable 'seconds': 'forty' is not a number"), std::string::npos) << errors(bad);
}

TEST(GraphVariables, EveryValueSetIsCheckedAgainstItsDeclaration) {
  const std::string vars = R"(  seconds: { type: int, default: 40, min: 10, max: 300 }
  aspect: { type: enum, choices: ["9:16", "16:9"], default: "9:16" }
  voice: { type: string, default: en-us, pattern: "[a-z]{2}-[a-z]{2}" }
  topic: { type: string, default: bees, max_length: 10 }
  loud: { type: bool, default: false }
)";
  const std::map<std::string, std::pair<std::string, std::string>> cases = {
      {"seconds", {"500", "variable 'seconds': '500' is more than its max 300"}},
      {"aspect", {"4:3", "variable 'aspect': '4:3' is not one of its choices"}},
      {"voice", {"../../etc/passwd", "variable 'voice': '../../etc/passwd' does not match its pattern"}},
      {"topic", {"a much longer topic", "variable 'topic': its value is 19 characters long, more than its max_length 10"}},
      {"loud", {"yes", "variable 'loud': 'yes' is not true or false"}},
  };
  for (const auto& [name, value_and_error] : cases) {
    auto r = load(vars, {{name, value_and_error.first}});
    ASSERT_FALSE(r.ok()) << name;
    ASSERT_EQ(r.diagnostics.size(), 1u) << errors(r);
    EXPECT_NE(r.diagnostics[0].message.find(value_and_error.second), std::string::npos) << errors(r);
    // The error points at the declaration, so the reader sees the rule that was broken.
    EXPECT_EQ(r.diagnostics[0].location.file, "g.yaml");
    EXPECT_GE(r.diagnostics[0].location.line, 2);
    EXPECT_FALSE(r.diagnostics[0].expected.empty());
  }
  auto ok = load(vars, {{"seconds", "300"}, {"aspect", "16:9"}, {"voice", "en-gb"}, {"loud", "true"}});
  ASSERT_TRUE(ok.ok()) << errors(ok);
  EXPECT_EQ(ok.graph->find_variable("voice")->value, "en-gb");
}

TEST(GraphVariables, IntegersAreStrictText) {
  const std::string vars = "  n: { type: int, default: 1 }\n";
  for (const char* bad : {"1.0", "+1", " 1", "1 ", "0x10", "1e3", "99999999999999999999", "1 ! fakesink"})
    EXPECT_FALSE(load(vars, {{"n", bad}}).ok()) << bad;
  EXPECT_TRUE(load(vars, {{"n", "-7"}}).ok());
}

TEST(GraphVariables, ControlCharactersAreRefusedInStrings) {
  EXPECT_FALSE(load("  topic: bees\n", {{"topic", std::string("a\0b", 3)}}).ok());
  EXPECT_FALSE(load("  topic: bees\n", {{"topic", "a\rb"}}).ok());
  EXPECT_TRUE(load("  topic: bees\n", {{"topic", "line one\nline two"}}).ok());
}

TEST(GraphVariables, UnconstrainedStringsStillHaveALengthBound) {
  auto r = load("  topic: bees\n", {{"topic", std::string(5000, 'x')}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(errors(r).find("more than its max_length 4096"), std::string::npos) << errors(r);
}

TEST(GraphVariables, AVariableWithoutADefaultMustBeSet) {
  auto r = load("  video: { type: string }\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(errors(r).find("variable 'video' has no default and was not set"), std::string::npos) << errors(r);
  EXPECT_TRUE(load("  video: { type: string }\n", {{"video", "a.mp4"}}).ok());
}

TEST(GraphVariables, AJobMayNotSetATrustedVariable) {
  const std::string vars = "  video: { type: string, default: in.mp4, trusted: true }\n  topic: bees\n";
  EXPECT_TRUE(load(vars, {{"video", "/data/film.mp4"}}, VariableSource::Runner).ok());
  auto job = load(vars, {{"video", "/etc/shadow"}}, VariableSource::Job);
  ASSERT_FALSE(job.ok());
  EXPECT_NE(errors(job).find("variable 'video' is trusted: only whoever runs the graph may set it, not a job"),
            std::string::npos)
      << errors(job);
  EXPECT_TRUE(load(vars, {{"topic", "owls"}}, VariableSource::Job).ok());
}

TEST(GraphVariables, BadDeclarationsAreLocatedErrors) {
  const std::map<std::string, std::string> cases = {
      {"  x: { type: integer }\n", "unknown type 'integer' of variable 'x'"},
      {"  x: { type: enum }\n", "enum variable 'x' has no choices"},
      {"  x: { type: string, choices: [a] }\n", "choices are for enum variables"},
      {"  x: { type: int, pattern: \"[0-9]+\" }\n", "a pattern is for string variables"},
      {"  x: { type: string, min: 1 }\n", "min is for int and number variables"},
      {"  x: { type: int, min: 5, max: 1 }\n", "has min above max"},
      {"  x: { type: string, pattern: \"(a\" }\n", "pattern of variable 'x': '(' without its ')'"},
      {"  x: { type: int, default: 500, max: 10 }\n", "the default of variable 'x' breaks its own declaration"},
      {"  x: { type: string, max_length: 0 }\n", "max_length of variable 'x' is out of range"},
      {"  x: { type: string, trusted: maybe }\n", "'trusted' of variable 'x' must be true or false"},
      {"  x: { typo: 1 }\n", "unknown key 'typo' in the declaration of variable 'x'"},
      {"  x: [1, 2]\n", "variable 'x' must be a default value or a declaration"},
      {"  9lives: 1\n", "invalid variable name '9lives'"},
  };
  for (const auto& [vars, expected] : cases) {
    auto r = load(vars);
    ASSERT_FALSE(r.ok()) << vars;
    EXPECT_NE(errors(r).find(expected), std::string::npos) << vars << "\n" << errors(r);
    EXPECT_EQ(r.diagnostics[0].location.line, 2) << vars;
    EXPECT_GT(r.diagnostics[0].location.column, 0) << vars;
  }
}

TEST(GraphVariables, LongValuesAreShortenedInMessages) {
  auto r = load("  n: { type: int, default: 1 }\n", {{"n", std::string(100000, '9')}});
  ASSERT_FALSE(r.ok());
  EXPECT_LT(errors(r).size(), 400u) << "a 100 kB value must not be echoed whole";
  EXPECT_NE(errors(r).find("(100000 characters)"), std::string::npos) << errors(r);
}

TEST(GraphVariables, SubstitutionRecordsWhatTheGraphWroteBeforeEachUse) {
  auto r = GraphLoader().load_string(R"(variables: { host: example, path: x }
stages:
  - id: a
    type: t
    params:
      url: "https://api.example.com/v1/${path}?q=${host}"
      urls: ["https://${host}/a", "plain"]
)",
                                     "g.yaml");
  ASSERT_TRUE(r.ok()) << errors(r);
  const auto& url = r.graph->stages[0].params.at("url");
  ASSERT_EQ(url.variable_uses.size(), 2u);
  EXPECT_EQ(url.variable_uses[0].variable, "path");
  EXPECT_EQ(url.variable_uses[0].written_before, "https://api.example.com/v1/");
  EXPECT_EQ(url.variable_uses[1].written_before, "https://api.example.com/v1/${path}?q=");
  const auto& urls = r.graph->stages[0].params.at("urls");
  ASSERT_EQ(urls.variable_uses.size(), 1u);
  EXPECT_EQ(urls.variable_uses[0].written_before, "https://");
}

}  // namespace
}  // namespace reelflow::framework
