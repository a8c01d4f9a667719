// hls_sink: segments appear while the stream runs, the playlist lists them, ends
// with #EXT-X-ENDLIST and decodes.
#include "av_io_test_support.hpp"
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"
#include "wait_until.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace reelflow::testing {
namespace {

TEST(HlsSink, SegmentsAppearWhileLiveAndThePlaylistEndsAndDecodes) {
  TempDir dir;
  const auto first_segment = dir.path() / "out" / "live" / "segment00000.ts";
  double first_segment_s = -1;
  const auto start = std::chrono::steady_clock::now();
  std::thread watcher([&] {
    if (wait_until([&] { return std::filesystem::exists(first_segment); }, std::chrono::seconds(20)))
      first_segment_s = seconds_since(start);
  });
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: av_source
    params: { source: test, live: true, duration_s: 4, width: 320, height: 240, fps: 30 }
  - id: enc
    type: test_av_encode
    params: { gop: 30 }
    inputs: { raw_video: src.video, raw_audio: src.audio }
  - id: hls
    type: hls_sink
    params: { segment_s: 1 }
    inputs: { video: enc.video, audio: enc.audio }
)", dir.path());
  watcher.join();
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_GE(first_segment_s, 0);
  EXPECT_LT(first_segment_s, 6.0);
  const auto& playlist = std::get<FileRef>(run.result.outputs.at("hls.playlist"));
  EXPECT_EQ(playlist.path, dir.path() / "out" / "live" / "index.m3u8");
  std::ifstream in(playlist.path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string m3u8 = text.str();
  EXPECT_EQ(m3u8.rfind("#EXTM3U", 0), 0u) << m3u8;
  EXPECT_NE(m3u8.find("segment00000.ts"), std::string::npos) << m3u8;
  EXPECT_NE(m3u8.find("segment00002.ts"), std::string::npos) << m3u8;
  // The last line ends the playlist (hlssink2 writes no final newline).
  const std::string trimmed = m3u8.substr(0, m3u8.find_last_not_of("\n") + 1);
  ASSERT_GE(trimmed.size(), 15u);
  EXPECT_EQ(trimmed.substr(trimmed.size() - 15), "\n#EXT-X-ENDLIST") << m3u8;
  // Each segment listed decodes; together they hold the 4 s.
  double total = 0;
  std::istringstream lines(m3u8);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::string error;
    auto info = probe_media(playlist.path.parent_path() / line, &error);
    ASSERT_TRUE(info) << line << ": " << error;
    EXPECT_EQ(info->video_codec, "video/x-h264");
    EXPECT_TRUE(info->has_audio);
    total += info->duration_s;
  }
  EXPECT_NEAR(total, 4.0, 0.5);
}

}  // namespace
}  // namespace reelflow::testing
