// `subtitles` and `sidecar` through the harness: the files they write beside the video,
// read back as a player would (ffprobe for the subtitles, a JSON parser for the sidecar).
#include <stage_harness.hpp>
#include <subprocess.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace reelflow::compositor::testing {
namespace {

using nlohmann::json;
using reelflow::testing::StageHarness;
using reelflow::testing::StageRun;
using reelflow::testing::Subprocess;
using reelflow::testing::TempDir;

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

Record timeline() {
  json t = {{"duration_s", 4.2},
            {"scenes", {{{"index", 0}, {"start_s", 0.0}, {"duration_s", 2.1}, {"narration", "Waves roll in."},
                         {"visual", "a beach at dawn"}},
                        {{"index", 1}, {"start_s", 1.8}, {"duration_s", 2.4}, {"narration", "Tides rise & fall."},
                         {"visual", "a harbour"}}}},
            {"subtitles", {{{"start_s", 0.0}, {"end_s", 1.5}, {"text", "Waves roll in."}},
                           {{"start_s", 1.8}, {"end_s", 4.0}, {"text", "Tides rise\n& fall."}}}}};
  return Record{"timeline", t.dump()};
}

class SidecarFiles : public ::testing::Test {
 protected:
  StageRun run(const std::string& type, const std::string& params, std::map<std::string, Value> inputs) {
    inputs.emplace("timeline", timeline());
    inputs.emplace("video", VideoFile{out() / "clip.mp4", 4.2, 180, 320, 15.0});
    return harness_.run(type, params, inputs, out());
  }
  std::filesystem::path out() const { return dir_.path() / "out"; }
  // What ffprobe makes of a file: its first stream's codec, or "" when it cannot read it.
  std::string probed_codec(const std::filesystem::path& file) {
    Subprocess p({"/usr/bin/ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", file.string()},
                 dir_.path() / ("probe-" + file.extension().string().substr(1)));
    if (p.wait(std::chrono::seconds(30)).value_or(-1) != 0) return "";
    std::string codec = p.out();
    while (!codec.empty() && (codec.back() == '\n' || codec.back() == '\r')) codec.pop_back();
    return codec;
  }

  StageHarness harness_;
  TempDir dir_{"sidecar-files"};
};

TEST_F(SidecarFiles, SubtitlesAreWrittenBesideTheVideoAndFfprobeReadsThem) {
  StageRun result = run("subtitles", "{}", {});
  ASSERT_TRUE(result.status.is_ok()) << result.status.message();
  EXPECT_EQ(result.output_as<FileRef>("srt").path, out() / "clip.srt");
  EXPECT_EQ(result.output_as<FileRef>("vtt").path, out() / "clip.vtt");
  EXPECT_EQ(read_text(out() / "clip.srt"),
            "1\n00:00:00,000 --> 00:00:01,500\nWaves roll in.\n\n2\n00:00:01,800 --> 00:00:04,000\nTides rise\n& fall.\n\n");
  EXPECT_EQ(read_text(out() / "clip.vtt").substr(0, 8), "WEBVTT\n\n");
  EXPECT_EQ(probed_codec(out() / "clip.srt"), "subrip");
  EXPECT_EQ(probed_codec(out() / "clip.vtt"), "webvtt");
}

TEST_F(SidecarFiles, ANameWithAFolderIsRefusedAndNothingIsWritten) {
  StageRun result = run("subtitles", "name: ../escape", {});
  ASSERT_FALSE(result.status.is_ok());
  EXPECT_NE(result.status.message().find("param 'name' must be one file name"), std::string::npos)
      << result.status.message();
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "escape.srt"));
  EXPECT_FALSE(std::filesystem::exists(out()) && !std::filesystem::is_empty(out()));
}

TEST_F(SidecarFiles, SidecarHasThePublishingFactsScenesAndWhereItWent) {
  json publishing = {{"title", "Tides, Explained"},
                     {"description", "Why does the sea breathe twice a day?"},
                     {"hashtags", {"#Tides", "#ocean"}},
                     {"writer", "offline"}};
  StageRun result = run("sidecar", "sources: ['voice: espeak-ng en-us']",
                        {{"publishing", Record{"publishing", publishing.dump()}},
                         {"location", Text{"https://dav.example.com/videos/clip.mp4"}}});
  ASSERT_TRUE(result.status.is_ok()) << result.status.message();
  EXPECT_EQ(result.output_as<FileRef>("metadata").path, out() / "clip.json");
  const json sidecar = json::parse(read_text(out() / "clip.json"));
  EXPECT_EQ(sidecar["title"], "Tides, Explained");
  EXPECT_EQ(sidecar["description"], "Why does the sea breathe twice a day?");
  EXPECT_EQ(sidecar["hashtags"], json({"#Tides", "#ocean"}));
  EXPECT_EQ(sidecar["video"], "clip.mp4");
  EXPECT_DOUBLE_EQ(sidecar["duration_s"].get<double>(), 4.2);
  EXPECT_EQ(sidecar["published"], "https://dav.example.com/videos/clip.mp4");
  ASSERT_EQ(sidecar["scenes"].size(), 2u);
  EXPECT_DOUBLE_EQ(sidecar["scenes"][1]["start_s"].get<double>(), 1.8);
  EXPECT_EQ(sidecar["scenes"][1]["narration"], "Tides rise & fall.");
  EXPECT_EQ(sidecar["scenes"][1]["picture"], "a harbour");
  EXPECT_EQ(sidecar["sources"], json({"script: offline", "voice: espeak-ng en-us"}));
}

TEST_F(SidecarFiles, PictureCreditsComeFromThePicturesImageSourceMade) {
  // image_source makes the two scenes' pictures; its `sources` output is the sidecar's input.
  SceneList scenes;
  for (const char* visual : {"a beach at dawn", "a harbour"}) {
    Scene scene;
    scene.index = static_cast<int>(scenes.scenes.size());
    scene.narration = "Scene " + std::to_string(scene.index) + ".";
    scene.visual = visual;
    scenes.scenes.push_back(scene);
  }
  StageRun images = harness_.run("image_source", "provider: generated\nwidth: 64\nheight: 64", {{"scenes", scenes}},
                                 dir_.path() / "images");
  ASSERT_TRUE(images.status.is_ok()) << images.status.message();
  StageRun result = run("sidecar", "sources: ['voice: espeak-ng en-us']",
                        {{"publishing", Record{"publishing", json{{"writer", "offline"}}.dump()}},
                         {"picture_sources", images.outputs.at("sources")}});
  ASSERT_TRUE(result.status.is_ok()) << result.status.message();
  json sidecar = json::parse(read_text(out() / "clip.json"));
  EXPECT_EQ(sidecar["sources"], json({"script: offline", "pictures: generated (2)", "voice: espeak-ng en-us"}));
  EXPECT_EQ(sidecar["scenes"][0]["picture_source"], "generated");
  EXPECT_EQ(sidecar["scenes"][1]["picture_source"], "generated");

  // A chain's providers, each once in the order first used, with its count.
  result = run("sidecar", "{}", {{"picture_sources", Text{"stock\nopenai\n"}}});
  ASSERT_TRUE(result.status.is_ok()) << result.status.message();
  sidecar = json::parse(read_text(out() / "clip.json"));
  EXPECT_EQ(sidecar["sources"], json({"pictures: stock (1), openai (1)"}));
  EXPECT_EQ(sidecar["scenes"][1]["picture_source"], "openai");
}

TEST_F(SidecarFiles, PictureSourcesForOtherScenesAreRefusedAndNothingIsWritten) {
  StageRun result = run("sidecar", "{}", {{"picture_sources", Text{"generated\n"}}});
  ASSERT_FALSE(result.status.is_ok());
  EXPECT_NE(result.status.message().find("input 'picture_sources' names 1 pictures for 2 scenes"), std::string::npos)
      << result.status.message();
  EXPECT_FALSE(std::filesystem::exists(out() / "clip.json"));
}

}  // namespace
}  // namespace reelflow::compositor::testing
