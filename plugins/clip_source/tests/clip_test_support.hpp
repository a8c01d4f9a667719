#pragma once
// Helpers shared by the clip_source tests: scenes, the `clips` output, and clip files.
#include <stage_harness.hpp>
#include <test_clips.hpp>

#include <reelflow/value.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::clip_source::testing {

// Scenes whose visual texts are `visuals`.
SceneList make_scenes(const std::vector<std::string>& visuals);

struct OutputClip {
  std::string path;
  double duration_s = 0.0;
  int width = 0;
  int height = 0;
};

// The "clips" output of a successful run (fails the test otherwise).
std::vector<OutputClip> clips_of(const reelflow::testing::StageRun& run);
// The "sources" output, line by line.
std::vector<std::string> sources_of(const reelflow::testing::StageRun& run);

// The bytes of a small test clip (`seconds` long, width x height).
std::string clip_bytes(const std::filesystem::path& dir, const std::string& name, double seconds, int width,
                       int height);

// Every log line and the status message, for checks that something never appears.
std::string everything_said(const reelflow::testing::StageRun& run);

}  // namespace reelflow::clip_source::testing
