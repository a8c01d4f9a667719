// The trusted-parameter rule: a variable reaches a trusted string parameter only
// when its declaration proves every value harmless for that kind (the stage type
// test_trust has one parameter of each kind).
#include "test_registry.hpp"

#include <gtest/gtest.h>

namespace reelflow::testing {
namespace {

using framework::format_diagnostics;

// A graph with one variable declared as `declaration`, used in `param` as `use`.
std::string graph(const std::string& declaration, const std::string& param, const std::string& use = "${v}") {
  return "variables:\n  v: " + declaration + "\nstages:\n  - id: s\n    type: test_trust\n    params:\n      " + param +
         ": \"" + use + "\"\n";
}

class TrustedParams : public ::testing::Test {
 protected:
  std::string refusal(const std::string& declaration, const std::string& param, const std::string& use = "${v}") {
    auto r = registry_.validate(graph(declaration, param, use));
    return r.ok() ? "" : format_diagnostics(r.diagnostics);
  }
  TestRegistry registry_;
};

TEST_F(TrustedParams, AnUnconstrainedStringFeedsOnlyFreeText) {
  EXPECT_EQ(refusal("anything", "free"), "");
  for (const char* param : {"name", "path", "url", "host", "pipeline", "unclassified"}) {
    const auto why = refusal("anything", param, param == std::string("url") ? "https://x.org/${v}" : "${v}");
    EXPECT_NE(why.find("variable 'v' may not feed parameter '" + std::string(param) + "' of stage 's' (test_trust)"),
              std::string::npos)
        << param << ": " << why;
    EXPECT_NE(why.find("it is an unconstrained string"), std::string::npos) << why;
    // Located at the parameter, with the safe ways to declare the variable.
    EXPECT_NE(why.find("g.yaml:7:"), std::string::npos) << why;
    EXPECT_NE(why.find("trusted: true"), std::string::npos) << why;
  }
}

TEST_F(TrustedParams, EnumsAndTrustedVariablesFeedAnything) {
  for (const char* param : {"name", "path", "host", "pipeline", "unclassified"}) {
    EXPECT_EQ(refusal("{ type: enum, choices: [a, b], default: a }", param), "") << param;
    EXPECT_EQ(refusal("{ type: string, default: /data/x, trusted: true }", param), "") << param;
  }
  EXPECT_EQ(refusal("{ type: enum, choices: [\"http://a.org\"], default: \"http://a.org\" }", "url"), "");
}

TEST_F(TrustedParams, NumbersFeedPipelinesPathsAndNamesButNotHosts) {
  for (const char* param : {"pipeline", "path", "name", "unclassified"})
    EXPECT_EQ(refusal("{ type: int, default: 10, min: 1, max: 100 }", param), "") << param;
  EXPECT_EQ(refusal("{ type: bool, default: false }", "pipeline"), "");
  EXPECT_NE(refusal("{ type: int, default: 2130706433 }", "host").find("could name an IP address"), std::string::npos);
}

TEST_F(TrustedParams, PatternsAreProvedAgainstEachKindsAlphabet) {
  const auto pattern = [](const std::string& p, const std::string& default_value = "ab") {
    return "{ type: string, default: \"" + default_value + "\", pattern: \"" + p + "\" }";
  };
  // Names: letters, digits, _ . + : - without '..' or a leading '.'/'-'.
  EXPECT_EQ(refusal(pattern("[a-z]{2}(-[a-z]{2})?(\\\\+[a-z0-9]+)?"), "name"), "");
  EXPECT_NE(refusal(pattern("[a-z/]+"), "name").find("its pattern allows '/', outside"), std::string::npos);
  EXPECT_NE(refusal(pattern("[a-z.]+"), "name").find("its pattern allows '..'"), std::string::npos);
  EXPECT_NE(refusal(pattern("-?[a-z]+"), "name").find("leading '.' or '-'"), std::string::npos);
  EXPECT_NE(refusal(pattern("[a-z]*"), "name").find("an empty value"), std::string::npos);
  // Paths: one safe component.
  EXPECT_EQ(refusal(pattern("[a-z0-9_][a-z0-9_-]{0,31}(\\\\.mp4)?"), "path"), "");
  EXPECT_NE(refusal(pattern("[a-z0-9_-]{1,32}"), "path").find("leading '.' or '-'"), std::string::npos);
  EXPECT_NE(refusal(pattern("[a-z]+(/[a-z]+)*"), "path").find("'/'"), std::string::npos);
  EXPECT_NE(refusal(pattern(".+"), "path"), "");
  // Pipeline text: numbers only.
  EXPECT_EQ(refusal(pattern("[0-9]{1,5}", "12"), "pipeline"), "");
  EXPECT_NE(refusal(pattern("[0-9a-z]+"), "pipeline").find("'a', outside [0-9.-]"), std::string::npos);
  EXPECT_NE(refusal(pattern("[0-9 !]+", "1"), "pipeline").find("its pattern allows a space"), std::string::npos);
  // Hosts: no dots, not digits only.
  EXPECT_EQ(refusal(pattern("[a-z][a-z0-9-]{0,30}"), "host"), "");
  EXPECT_NE(refusal(pattern("[a-z.]+"), "host"), "");
  EXPECT_NE(refusal(pattern("[a-z0-9]+"), "host").find("digits only"), std::string::npos);
}

TEST_F(TrustedParams, AUrlVariableMustFollowAFixedSchemeAndHost) {
  const std::string path_like = "{ type: string, default: ab, pattern: \"[a-z0-9-]+\" }";
  EXPECT_EQ(refusal(path_like, "url", "https://api.example.com/v1/${v}"), "");
  EXPECT_EQ(refusal(path_like, "url", "https://api.example.com/search?q=${v}"), "");
  const auto host_chosen = refusal(path_like, "url", "https://${v}.example.com/");
  EXPECT_NE(host_chosen.find("would choose the URL's scheme or host"), std::string::npos) << host_chosen;
  EXPECT_NE(refusal(path_like, "url", "${v}"), "");
  EXPECT_NE(refusal(path_like, "url", "https://api.example.com${v}"), "");  // "…com${v}" could be ".evil.org"
  EXPECT_NE(refusal("{ type: int, default: 1 }", "url", "http://10.0.0.${v}/"), "");
  // A list of URLs: each item on its own.
  auto r = registry_.validate(
      "variables:\n  v: { type: string, default: a, pattern: \"[a-z]+\" }\nstages:\n  - id: s\n    type: test_trust\n"
      "    params:\n      urls: [\"https://a.org/${v}\", \"https://${v}.org/\"]\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.size(), 1u) << format_diagnostics(r.diagnostics);
}

TEST_F(TrustedParams, ChoiceLimitedParamsTakeAnyVariableTheirChoicesAllow) {
  EXPECT_EQ(refusal("b", "choice"), "");
  EXPECT_NE(refusal("c", "choice").find("invalid value 'c'"), std::string::npos);
}

TEST_F(TrustedParams, TheGraphsOwnTextIsNotAffected) {
  auto r = registry_.validate(
      "stages:\n  - id: s\n    type: test_trust\n    params: { path: /etc/hostname, pipeline: \"filesrc location=/x\", "
      "url: \"http://127.0.0.1:1/\" }\n");
  EXPECT_TRUE(r.ok()) << format_diagnostics(r.diagnostics);
}

}  // namespace
}  // namespace reelflow::testing
