// `reelflow serve` and `reelflow worker` refuse bad set-ups with one clear line and
// the CLI's exit codes, before they serve anything.
#include "loopback_port.hpp"
#include "service_test_env.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;

std::optional<int> run_cli(const std::vector<std::string>& args, const TempDir& dir, std::string& err) {
  std::vector<std::string> argv{REELFLOW_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  Subprocess cli(argv, dir / "cli");
  auto code = cli.wait(std::chrono::seconds(60));
  err = cli.err();
  return code;
}

TEST(ServiceCliTest, ServeNeedsAToken) {
  TempDir dir;
  ::unsetenv("REELFLOW_API_TOKEN");
  std::string err;
  EXPECT_EQ(run_cli({"serve", "--listen", "127.0.0.1:0"}, dir, err), 2);
  EXPECT_NE(err.find("set REELFLOW_API_TOKEN"), std::string::npos) << err;
  ::setenv("REELFLOW_API_TOKEN", "short", 1);
  EXPECT_EQ(run_cli({"serve", "--listen", "127.0.0.1:0"}, dir, err), 2);
  EXPECT_EQ(err.find("short"), std::string::npos) << "the secret is never printed";
}

TEST(ServiceCliTest, BadRedisUrlAndUnreachableRedisAreClearErrors) {
  TempDir dir;
  ::setenv("REELFLOW_API_TOKEN", kTestToken, 1);
  std::string err;
  EXPECT_EQ(run_cli({"serve", "--redis", "http://x", "--listen", "127.0.0.1:0"}, dir, err), 2);
  EXPECT_NE(err.find("bad Redis URL"), std::string::npos) << err;

  const int closed = free_loopback_port();
  const std::string url = "redis://:pa55word@127.0.0.1:" + std::to_string(closed);
  EXPECT_EQ(run_cli({"serve", "--redis", url, "--listen", "127.0.0.1:0", "--graphs", clip_graph().string()}, dir, err), 1);
  EXPECT_NE(err.find("cannot reach Redis at redis://127.0.0.1:" + std::to_string(closed)), std::string::npos) << err;
  EXPECT_EQ(err.find("pa55word"), std::string::npos) << "the Redis password is never printed: " << err;
}

TEST(ServiceCliTest, UnreadableGraphIsAnInvalidInput) {
  TempDir dir;
  ::setenv("REELFLOW_API_TOKEN", kTestToken, 1);
  std::string err;
  EXPECT_EQ(run_cli({"serve", "--graphs", (dir / "missing.yaml").string(), "--listen", "127.0.0.1:0"}, dir, err), 2);
  EXPECT_NE(err.find("cannot read graph"), std::string::npos) << err;
}

}  // namespace
}  // namespace reelflow::service
