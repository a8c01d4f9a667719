// tests/security/attack.sh against `reelflow serve` with the shipped graphs/ as its
// allow-list (uploads on), its own redis-server, on free loopback ports; everything
// is stopped by PID at the end. A finished job with a file and a symlink out of its
// dir is planted for the download attacks.
//
// The graph attacks (pipeline injection through a variable, an API key sent to
// another base URL, a voice path, a 300-character stage id) are refused by the
// framework's checks: GraphAttacksAreRefused fails until those land.
#include "served_api.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <random>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;

void run_attacks(const std::string& group) {
  // short-video-openai reads these; they only need to be set for it to validate.
  ::setenv("OPENAI_API_KEY", "sk-test-not-a-key", 1);
  ::setenv("PEXELS_API_KEY", "test-not-a-key", 1);
  ::setenv("UPLOAD_TOKEN", "test-not-a-token", 1);
  ServedApi api({"--graphs", std::string(REELFLOW_SOURCE_DIR) + "/graphs", "--allow-graph-upload"});

  const std::string attempt = "1-abcdef12";
  const std::string id = api.finished_job("", {"clip.mp4", "link.txt"});
  api.set_field(id, "output_dir", "jobs/" + id + "/" + attempt);
  const auto dir = api.data_dir() / "jobs" / id / attempt;
  std::filesystem::create_directories(dir);
  std::mt19937 rng(1);
  std::string bytes;
  for (int i = 0; i < 200000; ++i) bytes += static_cast<char>(rng());
  std::ofstream(dir / "clip.mp4", std::ios::binary) << bytes;
  std::ofstream(api.dir() / "secret.txt") << "root:x:0:0:the server's secret\n";
  std::filesystem::create_symlink(api.dir() / "secret.txt", dir / "link.txt");
  ::setenv("ATTACK_FILE_JOB", id.c_str(), 1);
  ::setenv("ATTACK_FILE_NAME", "clip.mp4", 1);
  ::setenv("ATTACK_LINK_NAME", "link.txt", 1);

  Subprocess attack({"/bin/bash", std::string(REELFLOW_SOURCE_DIR) + "/tests/security/attack.sh", api.origin(),
                     kTestToken, "--only", group},
                    api.dir() / ("attack-" + group));
  const auto code = attack.wait(std::chrono::seconds(500));
  std::cout << attack.out() << attack.err();
  EXPECT_EQ(code, 0) << "an attack got through (or the server is down):\n" << attack.out() << attack.err();
  EXPECT_NE(attack.out().find("server alive"), std::string::npos);
  EXPECT_TRUE(api.alive()) << api.output();
}

TEST(AttackScriptTest, HttpAttacksAreRefused) { run_attacks("http"); }

TEST(AttackScriptTest, GraphAttacksAreRefused) { run_attacks("graph"); }

}  // namespace
}  // namespace reelflow::service
