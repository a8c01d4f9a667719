#pragma once
// What the youtube, tiktok and instagram tests share: a source video of known
// bytes, the script's publishing metadata, and running the uploader with both.
#include "sigv4_verifier.hpp"
#include "stage_harness.hpp"
#include "temp_dir.hpp"
#include "test_file.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace reelflow::uploader::testing {

class PlatformUploadTest : public ::testing::Test {
 protected:
  // `size` bytes of test content as render/clip.mp4.
  void make_source(std::size_t size) {
    bytes_ = make_test_bytes(size);
    source_ = tmp_ / "render" / "clip.mp4";
    write_file(source_, bytes_);
  }

  // The llm_script stage's `publishing` output for a honey-bee video.
  static Value publishing() {
    nlohmann::json p = {{"title", "How honey bees make honey"},
                        {"description", "Nectar in, honey out: the hive's kitchen."},
                        {"hashtags", {"#HoneyBees", "#honey", "#bees"}},
                        {"writer", "offline"}};
    return Record{"publishing", p.dump()};
  }

  reelflow::testing::StageRun upload(const std::string& params, bool with_publishing = true) {
    std::map<std::string, Value> inputs{{"file", FileRef{source_, ""}}};
    if (with_publishing) inputs.emplace("publishing", publishing());
    return harness_.run("uploader", params, std::move(inputs));
  }

  static std::string location_of(const reelflow::testing::StageRun& run) {
    auto it = run.outputs.find("location");
    return it == run.outputs.end() ? std::string() : std::get<Text>(it->second).text;
  }

  // The secret appears in no message and no log line of the run.
  static void expect_never_shown(const reelflow::testing::StageRun& run, const std::string& secret) {
    EXPECT_EQ(run.status.message().find(secret), std::string::npos) << run.status.message();
    for (const auto& line : run.log_lines) EXPECT_EQ(line.find(secret), std::string::npos) << line;
  }

  reelflow::testing::StageHarness harness_;
  reelflow::testing::TempDir tmp_{"uploader-platform"};
  std::string bytes_;
  std::filesystem::path source_;
};

}  // namespace reelflow::uploader::testing
