// `reelflow run --sandbox`: the same graph, exit codes and events as `reelflow
// run`, with the stages in a confined child; a crash is one line and exit 1.
#include "subprocess.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace reelflow::testing {
namespace {

class ConfinedCliTest : public ::testing::Test {
 protected:
  std::filesystem::path write_graph(const std::string& name, const std::string& yaml) {
    auto path = dir / name;
    std::ofstream(path) << yaml;
    return path;
  }
  std::vector<std::string> sandboxed_run(const std::filesystem::path& graph) {
    return {REELFLOW_CLI_PATH, "run",         "--sandbox",         graph.string(),
            "-o",              (dir / "out").string(), "--cache-dir", (dir / "cache").string(),
            "--plugin-path",   test_plugin_dir("good").string(), "--plugin-path", test_plugin_dir("sandbox").string(),
            "--events",        "json"};
  }

  TempDir dir{"reelflow-confined-cli"};
};

TEST_F(ConfinedCliTest, ASandboxedRunSucceedsWithTheSameEventsAndOutputs) {
  auto graph = write_graph("ok.yaml", "stages:\n  - id: a\n    type: test_source\n    params: { text: boxed }\n");
  Subprocess p(sandboxed_run(graph), dir / "capture-ok");
  ASSERT_EQ(p.wait(), 0) << p.err();
  const std::string out = p.out();
  EXPECT_NE(out.find(R"("event":"run_started")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("event":"stage_finished")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("event":"run_finished")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("a.text":{"text":"boxed","type":"text"})"), std::string::npos) << out;
}

TEST_F(ConfinedCliTest, ACrashInTheChildIsExitOneAndOneLine) {
  auto graph = write_graph("crash.yaml", "stages:\n  - id: crash\n    type: crash_probe\n");
  Subprocess p(sandboxed_run(graph), dir / "capture-crash");
  EXPECT_EQ(p.wait(), 1);
  EXPECT_NE(p.err().find("reelflow: error: stage crash (crash_probe) crashed: signal 11 (Segmentation fault)\n"),
            std::string::npos)
      << p.err();
}

TEST_F(ConfinedCliTest, CtrlCCancelsTheChildAndExits130) {
  auto graph = write_graph("wait.yaml", "stages:\n  - id: p\n    type: pid_probe\n");
  Subprocess p(sandboxed_run(graph), dir / "capture-cancel");
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (p.out().find("pid=") == std::string::npos && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_NE(p.out().find("pid="), std::string::npos) << p.err();
  p.signal(SIGINT);
  EXPECT_EQ(p.wait(std::chrono::seconds(10)), 130) << p.err();
  EXPECT_NE(p.err().find("reelflow: cancelled"), std::string::npos) << p.err();
}

TEST_F(ConfinedCliTest, TheChildSubcommandIsNotInTheHelp) {
  Subprocess help({REELFLOW_CLI_PATH, "--help"}, dir / "capture-help");
  ASSERT_EQ(help.wait(), 0);
  EXPECT_NE(help.out().find("worker"), std::string::npos) << help.out();
  EXPECT_EQ(help.out().find("sandbox-child"), std::string::npos) << help.out();
}

}  // namespace
}  // namespace reelflow::testing
