// The bad-graph corpus (tests/bad_graphs/): each file, loaded and validated against
// the test plugins exactly as `reelflow validate` would, gives exactly the
// diagnostics its "# expect:" lines list, in order, and nothing else.
#include "bad_graph_corpus.hpp"
#include "test_registry.hpp"

#include <gtest/gtest.h>

#include <cctype>

namespace reelflow::testing {
namespace {

// ${env:...} sees an empty environment, so no variable of the machine can leak in.
std::vector<std::string> diagnostics_of(const framework::StageRegistry& registry, const std::string& file) {
  framework::GraphLoader loader([](const std::string&) -> std::optional<std::string> { return std::nullopt; });
  framework::Diagnostics diagnostics = framework::GraphValidator(registry).validate(loader.load_file(file)).diagnostics;
  std::vector<std::string> lines;
  for (const auto& d : diagnostics) lines.push_back(d.to_string());
  return lines;
}

class BadGraphTest : public ::testing::TestWithParam<std::string> {
 protected:
  TestRegistry reg;
};

TEST_P(BadGraphTest, GivesExactlyTheExpectedDiagnostics) {
  const auto expected = expected_diagnostics(GetParam());
  ASSERT_FALSE(expected.empty()) << GetParam() << " does not start with a '# expect: ' line";
  EXPECT_EQ(diagnostics_of(reg.registry, GetParam()), expected) << GetParam();
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadGraphTest, ::testing::ValuesIn(bad_graph_files()), test_name);

// One file per kind of mistake the loader and validator report (docs/graph-format.md).
TEST(BadGraphCorpus, CoversEveryKindOfMistake) {
  const auto files = bad_graph_files();
  EXPECT_GE(files.size(), 33u);
  for (const char* kind : {"malformed_yaml", "unknown_top_level_key", "unknown_stage_key", "duplicate_id", "bad_id",
                           "missing_type", "unknown_stage_type", "unknown_param", "wrong_param_type", "invalid_choice",
                           "out_of_range", "missing_required_param", "unknown_input_port", "unknown_source_stage",
                           "unknown_source_port", "port_type_mismatch", "unconnected_required_input", "self_loop",
                           "cycle", "undefined_variable", "missing_env_var", "secret_literal", "bad_timeout",
                           "bad_retry", "subgraph_cycle", "subgraph_escape", "subgraph_missing_file",
                           "subgraph_unknown_variable", "subgraph_inner_error"}) {
    const auto file = (bad_graph_dir() / (std::string(kind) + ".yaml")).string();
    EXPECT_NE(std::find(files.begin(), files.end(), file), files.end()) << "missing " << file;
  }
}

}  // namespace
}  // namespace reelflow::testing
