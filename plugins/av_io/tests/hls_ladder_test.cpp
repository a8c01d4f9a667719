// hls_ladder: a few seconds of the test source through a two-rung ladder. Each
// rendition's playlist lists aligned segments that decode at its size; the
// master playlist lists every rendition and itself opens as HLS. Bad rendition
// lists are validation errors at their line.
#include "ffprobe_streams.hpp"
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace reelflow::testing {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The segment names and their #EXTINF durations, in order.
struct MediaPlaylist {
  std::vector<std::string> segments;
  std::vector<std::string> durations;
};

MediaPlaylist read_media_playlist(const std::filesystem::path& path) {
  MediaPlaylist playlist;
  std::istringstream lines(read_text(path));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("#EXTINF:", 0) == 0) playlist.durations.push_back(line.substr(8, line.find(',') - 8));
    else if (!line.empty() && line[0] != '#') playlist.segments.push_back(line);
  }
  return playlist;
}

std::string ladder_graph(const std::string& renditions) {
  return R"(stages:
  - id: src
    type: av_source
    params: { source: test, duration_s: 3, width: 640, height: 360, fps: 30 }
  - id: ladder
    type: hls_ladder
    params:
      renditions: )" + renditions + R"(
      segment_s: 1
      gop: 30
      preset: ultrafast
    inputs: { video: src.video, audio: src.audio }
)";
}

TEST(HlsLadder, EveryRenditionDecodesAtItsSizeAndTheMasterListsThem) {
  TempDir dir;
  auto run = run_graph_yaml(ladder_graph("[360p@600, 180p@200]"), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  const auto live = dir.path() / "out" / "live";
  const auto& master = std::get<FileRef>(run.result.outputs.at("ladder.playlist"));
  EXPECT_EQ(master.path, live / "index.m3u8");

  const std::string text = read_text(master.path);
  EXPECT_EQ(text.rfind("#EXTM3U\n", 0), 0u) << text;
  EXPECT_NE(text.find("RESOLUTION=640x360,CODECS=\"avc1."), std::string::npos) << text;
  EXPECT_NE(text.find("RESOLUTION=320x180,CODECS=\"avc1."), std::string::npos) << text;
  EXPECT_NE(text.find(",mp4a.40.2\"\n360p/index.m3u8\n"), std::string::npos) << text;
  EXPECT_NE(text.find(",mp4a.40.2\"\n180p/index.m3u8\n"), std::string::npos) << text;
  EXPECT_NE(text.find("#EXT-X-STREAM-INF:BANDWIDTH=800800,"), std::string::npos) << text;  // (600 + 128) * 1.1
  EXPECT_NE(text.find("#EXT-X-STREAM-INF:BANDWIDTH=360800,"), std::string::npos) << text;

  const std::vector<std::pair<std::string, int>> rungs = {{"360p", 360}, {"180p", 180}};
  std::vector<MediaPlaylist> playlists;
  for (const auto& [name, height] : rungs) {
    const auto playlist_path = live / name / "index.m3u8";
    playlists.push_back(read_media_playlist(playlist_path));
    const auto& playlist = playlists.back();
    ASSERT_GE(playlist.segments.size(), 3u) << name << ":\n" << read_text(playlist_path);
    EXPECT_NE(read_text(playlist_path).find("#EXT-X-ENDLIST"), std::string::npos) << name;
    for (const auto& segment : playlist.segments) {
      std::string error;
      auto info = probe_media(live / name / segment, &error);
      ASSERT_TRUE(info) << name << "/" << segment << ": " << error;
      EXPECT_EQ(info->video_codec, "video/x-h264");
      EXPECT_EQ(info->height, height) << name << "/" << segment;
      EXPECT_EQ(info->width, height * 16 / 9) << name << "/" << segment;
      EXPECT_TRUE(info->has_audio) << name << "/" << segment;
    }
    // The rendition's own playlist plays as HLS: all 3 s of frames decode at its size.
    const std::string streams = ffprobe_streams(playlist_path, dir.path() / ("probe-" + name));
    EXPECT_NE(streams.find("codec_type=video|width=" + std::to_string(height * 16 / 9) + "|height=" +
                           std::to_string(height) + "|nb_read_frames=90"),
              std::string::npos)
        << streams;
    EXPECT_NE(streams.find("codec_type=audio"), std::string::npos) << streams;
  }
  // Same GOP in every encoder: segments are cut at the same instants.
  EXPECT_EQ(playlists[0].segments, playlists[1].segments);
  EXPECT_EQ(playlists[0].durations, playlists[1].durations);

  // A player opens the master playlist: ffprobe finds every rendition through it and decodes it.
  const std::string streams = ffprobe_streams(master.path, dir.path() / "probe-master");
  EXPECT_NE(streams.find("codec_type=video|width=640|height=360|nb_read_frames=90"), std::string::npos) << streams;
  EXPECT_NE(streams.find("codec_type=video|width=320|height=180|nb_read_frames=90"), std::string::npos) << streams;
}

TEST(HlsLadder, BadRenditionListsAreValidationErrorsAtTheirLine) {
  const auto errors_for = [](const std::string& renditions) { return graph_errors(ladder_graph(renditions)); };
  const std::string duplicate = errors_for("[360p@600, 360p@300]");
  EXPECT_NE(duplicate.find("g.yaml:8:"), std::string::npos) << duplicate;
  EXPECT_NE(duplicate.find("two renditions have the height 360"), std::string::npos) << duplicate;
  EXPECT_NE(errors_for("[360@600]").find("is not <height>p@<kbit/s>"), std::string::npos);
  EXPECT_NE(errors_for("[361p@600]").find("the height must be even"), std::string::npos);
  EXPECT_NE(errors_for("[360p@10]").find("the bitrate must be 50 to 200000"), std::string::npos);
  EXPECT_NE(errors_for("[]").find("no renditions"), std::string::npos);
  EXPECT_EQ(errors_for("[360p@600, 180p@200]"), "");
}

}  // namespace
}  // namespace reelflow::testing
