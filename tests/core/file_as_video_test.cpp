// A `file` output feeding a `video` input: validation accepts the edge with a note,
// and the runtime probes the file with GStreamer's discoverer when it is made. A video
// reaches the reader as one (size, rate, length probed); anything else fails that edge
// with one line naming both ports and the file, and the reader never runs.
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include "run/scheduler.hpp"

#include <reelflow/testing.hpp>

#include <gtest/gtest.h>

#include <fstream>

namespace reelflow::testing {
namespace {

using framework::format_diagnostics;

class FileAsVideo : public ::testing::Test {
 protected:
  static std::string graph(const std::filesystem::path& file) {
    return "stages:\n"
           "  - id: given\n    type: test_file_of\n    params: { path: \"" + file.string() + "\" }\n"
           "  - id: info\n    type: test_video_info\n    inputs: { video: given.file }\n";
  }

  framework::RunResult run(const std::string& yaml) {
    auto v = reg.validate(yaml);
    if (!v.ok()) {
      ADD_FAILURE() << format_diagnostics(v.diagnostics);
      return {};
    }
    framework::RunOptions options;
    options.output_dir = dir / "out";
    options.cache_dir = dir / "cache";
    std::atomic<bool> cancel{false};
    return framework::Scheduler(*v.plan, options, [](const framework::Event&) {}).run(cancel);
  }

  TestRegistry reg;
  TempDir dir;
};

TEST_F(FileAsVideo, ValidationAcceptsTheEdgeWithANote) {
  auto v = reg.validate(graph(dir / "bars.mp4"));
  ASSERT_TRUE(v.ok()) << format_diagnostics(v.diagnostics);
  ASSERT_EQ(v.plan->notes.size(), 1u);
  EXPECT_EQ(v.plan->notes[0].to_string(),
            "g.yaml:7:22: note: input 'video' of stage 'info' takes a video and 'given.file' gives a file: the file "
            "is probed when it is made, and the run fails there if it is not a video");
  // A file where a file is wanted, or a video where a video is: nothing to say.
  auto plain = reg.validate("stages:\n  - id: v\n    type: test_video\n"
                            "  - id: info\n    type: test_video_info\n    inputs: { video: v.video }\n");
  ASSERT_TRUE(plain.ok()) << format_diagnostics(plain.diagnostics);
  EXPECT_TRUE(plain.plan->notes.empty());
}

TEST_F(FileAsVideo, AVideoFileReachesTheVideoInputAsAProbedVideo) {
  const auto bars = dir / "bars.mp4";
  ASSERT_TRUE(make_color_bars_mp4(bars, 1.0, 160, 120, 10, false).is_ok());
  const auto result = run(graph(bars));
  ASSERT_EQ(result.outcome, framework::RunOutcome::Succeeded) << result.error;
  EXPECT_EQ(std::get<Text>(result.outputs.at("info.text")).text, "160x120 10 fps 1000 ms bars.mp4");
}

TEST_F(FileAsVideo, AFileThatIsNotAVideoFailsTheEdgeNamingBothPorts) {
  const auto notes = dir / "notes.txt";
  std::ofstream(notes) << "not a video at all\n";
  const auto tone = dir / "tone.wav";
  ASSERT_TRUE(make_tone_wav(tone, 0.5).is_ok());
  for (const auto& [file, why] : {std::pair{notes, std::string("")}, std::pair{tone, std::string("it has audio but no video stream")}}) {
    SCOPED_TRACE(file.string());
    const auto result = run(graph(file));
    ASSERT_EQ(result.outcome, framework::RunOutcome::Failed);
    const std::string expected = "stage 'info' (test_video_info): input 'video' of stage 'info' takes a video but "
                                 "'given.file' made '" + file.string() + "', which is not a video: ";
    EXPECT_EQ(result.error.rfind(expected, 0), 0u) << result.error;
    EXPECT_EQ(result.error.find('\n'), std::string::npos) << "one line: " << result.error;
    if (!why.empty()) {
      EXPECT_EQ(result.error.substr(expected.size()), why);
    }
    EXPECT_FALSE(result.outputs.count("info.text")) << "the reader never ran";
  }
}

}  // namespace
}  // namespace reelflow::testing
