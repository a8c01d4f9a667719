// `reelflow run --redo scene=2` on the default graph: scene 2's narration and
// picture are made again (other bytes, still decodable), every other scene's are
// byte-identical, the script and scene plan come from the stage cache, and the
// video is composed again; the new take is refitted to the length of the clip it
// replaces, so the narration still meets the target. The same redo again is all cached and gives the same video.
#include "media_probe.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"
#include "test_clips.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace reelflow::testing {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct GraphRun {
  int exit_code = -1;
  std::string err;
  std::string id;
  std::map<std::string, std::string> finished;  // stage → message ("" or "cached")
};

GraphRun run_default_graph(const TempDir& dir, const std::string& name, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv{REELFLOW_CLI_PATH, "run", (fs::path(REELFLOW_SOURCE_DIR) / "graphs" / "short-video.yaml").string(),
                                "-o", (dir / "out").string(), "--cache-dir", (dir / "cache").string(),
                                "--events", "json", "--keep-work", "--set", "seconds=8", "--set", "aspect=1:1",
                                "--set", "topic=How tides work"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  Subprocess p(argv, dir / name);
  GraphRun r;
  r.exit_code = p.wait(std::chrono::seconds(600)).value_or(-1);
  r.err = p.err();
  std::istringstream lines(p.out());
  for (std::string line; std::getline(lines, line);) {
    auto e = nlohmann::json::parse(line, nullptr, false);
    if (e.is_discarded()) continue;
    if (e["event"] == "run_started") r.id = e.value("run", "");
    if (e["event"] == "stage_finished") r.finished[e["stage"]] = e.value("message", "");
  }
  return r;
}

// Scene n's files in a kept work dir: the voice's clip and the picture.
fs::path clip(const TempDir& dir, const GraphRun& run, int scene) {
  char name[32];
  std::snprintf(name, sizeof name, "scene-%03d.wav", scene - 1);
  return dir / "out" / ".reelflow-work" / run.id / "voice" / name;
}
fs::path picture(const TempDir& dir, const GraphRun& run, int scene) {
  char name[32];
  std::snprintf(name, sizeof name, "scene-%03d.jpg", scene);
  return dir / "out" / ".reelflow-work" / run.id / "images" / name;
}

TEST(Redo, OneSceneIsMadeAgainAndTheRestComesFromTheCache) {
  TempDir dir;
  const GraphRun first = run_default_graph(dir, "first");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string first_video = read_file(dir / "out" / "short-video.mp4");
  int scenes = 0;
  while (fs::exists(clip(dir, first, scenes + 1))) ++scenes;
  ASSERT_GE(scenes, 2) << "the redo needs a second scene";

  const GraphRun redo = run_default_graph(dir, "redo", {"--redo", "scene=2"});
  ASSERT_EQ(redo.exit_code, 0) << redo.err;
  for (const char* stage : {"pace", "script", "scenes"}) EXPECT_EQ(redo.finished.at(stage), "cached") << stage;
  for (const char* stage : {"voice", "images", "render"}) EXPECT_EQ(redo.finished.at(stage), "") << stage;

  for (int scene = 1; scene <= scenes; ++scene) {
    const bool redone = scene == 2;
    EXPECT_EQ(read_file(clip(dir, first, scene)) == read_file(clip(dir, redo, scene)), !redone) << "clip " << scene;
    EXPECT_EQ(read_file(picture(dir, first, scene)) == read_file(picture(dir, redo, scene)), !redone)
        << "picture " << scene;
  }
  // The new take decodes: speech of about the same length, a picture of the same size.
  auto old_clip = probe_media(clip(dir, first, 2)), new_clip = probe_media(clip(dir, redo, 2));
  ASSERT_TRUE(old_clip && new_clip);
  EXPECT_TRUE(new_clip->has_audio);
  // The new take is fitted to the clip it replaces (the tts stage's length_tolerance,
  // 2 %), so the whole narration stays within the target's: 8 s, +0.1 s per scene.
  EXPECT_NEAR(new_clip->duration_s, old_clip->duration_s, 0.02 * old_clip->duration_s + 0.01);
  double narration_s = 0.0;
  for (int scene = 1; scene <= scenes; ++scene) {
    auto decoded = probe_media(clip(dir, redo, scene));
    ASSERT_TRUE(decoded) << "clip " << scene;
    narration_s += decoded->duration_s + 0.1;
  }
  std::printf("redo: scene 2 %.3f s -> %.3f s, narration %.3f s for 8 s\n", old_clip->duration_s,
              new_clip->duration_s, narration_s);
  EXPECT_NEAR(narration_s, 8.0, 0.02 * 8.0 + 0.02 * old_clip->duration_s);
  auto new_picture = probe_media(picture(dir, redo, 2)), old_picture = probe_media(picture(dir, first, 2));
  ASSERT_TRUE(new_picture && old_picture);
  EXPECT_EQ(new_picture->width, old_picture->width);
  EXPECT_EQ(new_picture->height, old_picture->height);

  // The video was composed again from them, and decodes.
  const std::string redone_video = read_file(dir / "out" / "short-video.mp4");
  EXPECT_NE(redone_video, first_video);
  auto info = probe_media(dir / "out" / "short-video.mp4");
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->has_video && info->has_audio);
  EXPECT_NEAR(info->duration_s, 8.0, 1.5);

  // Deterministic: the same redo is a stage cache hit and the same video.
  const GraphRun again = run_default_graph(dir, "again", {"--redo", "scene=2"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const char* stage : {"voice", "images"}) EXPECT_EQ(again.finished.at(stage), "cached") << stage;
  EXPECT_EQ(read_file(dir / "out" / "short-video.mp4"), redone_video);
}

TEST(Redo, ABadSceneIsRefused) {
  TempDir dir;
  for (const char* bad : {"scene=0", "scene=x", "shot=2", "scene=2,", "scene=1001"}) {
    Subprocess p({REELFLOW_CLI_PATH, "run", (fs::path(REELFLOW_SOURCE_DIR) / "graphs" / "short-video.yaml").string(),
                  "-o", (dir / "out").string(), "--redo", bad},
                 dir / "bad");
    EXPECT_EQ(p.wait().value_or(-1), 2) << bad;
    EXPECT_NE(p.err().find(std::string("--redo ") + bad + ": expected scene=N"), std::string::npos) << p.err();
  }
  EXPECT_FALSE(fs::exists(dir / "out" / "short-video.mp4"));
}

// clip_source redoes scenes too: `--redo scene=2` gives scene 2 another clip from
// the folder (the same one for the same take), and every other scene keeps its clip.
std::vector<std::string> clip_names(const TempDir& dir, const fs::path& graph, const std::string& name,
                                    std::vector<std::string> extra) {
  std::vector<std::string> argv{REELFLOW_CLI_PATH, "run", graph.string(), "-o", (dir / "out").string(),
                                "--cache-dir", (dir / "cache").string(), "--events", "json"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  Subprocess p(argv, dir / name);
  EXPECT_EQ(p.wait(std::chrono::seconds(300)).value_or(-1), 0) << p.err();
  std::vector<std::string> names;
  std::istringstream lines(p.out());
  for (std::string line; std::getline(lines, line);) {
    auto e = nlohmann::json::parse(line, nullptr, false);
    if (e.is_discarded() || e["event"] != "outputs") continue;
    for (const auto& clip : e["outputs"]["clips.clips"]["value"]["clips"])
      names.push_back(fs::path(clip["path"].get<std::string>()).filename().string());
  }
  return names;
}

TEST(Redo, AClipSceneGetsAnotherClipAndTheOthersKeepTheirs) {
  TempDir dir;
  fs::create_directories(dir / "clips");
  for (int i = 1; i <= 8; ++i) {
    TestClip clip;
    clip.seconds = 0.3;
    clip.width = 32;
    clip.height = 32;
    clip.with_audio = false;
    write_test_clip(dir / "clips" / ("c" + std::to_string(i) + ".mp4"), clip);
  }
  const fs::path graph = dir / "clips.yaml";
  std::ofstream(graph) << "reelflow: 1\nname: redo-clips\nstages:\n"
                          "  - id: script\n    type: llm_script\n"
                          "    params: { provider: offline, topic: \"How tides work\", target_duration_s: 20 }\n"
                          "  - id: scenes\n    type: scene_segmenter\n    inputs: { script: script.script }\n"
                          "    params: { min_scene_s: 4, max_scene_s: 7, target_total_s: 20 }\n"
                          "  - id: clips\n    type: clip_source\n    inputs: { scenes: scenes.scenes }\n"
                          "    params: { provider: folder, folder: \""
                       << (dir / "clips").string() << "\" }\n";
  const auto first = clip_names(dir, graph, "first", {});
  ASSERT_GE(first.size(), 3u);
  std::vector<std::vector<std::string>> takes;
  for (const char* take : {"1", "2", "3"})
    takes.push_back(clip_names(dir, graph, std::string("take") + take, {"--redo", "scene=2", "--take", take}));
  bool another = false;
  for (const auto& redone : takes) {
    ASSERT_EQ(redone.size(), first.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
      if (i != 1) {
        EXPECT_EQ(redone[i], first[i]) << "scene " << i + 1 << " keeps its clip";
      }
    }
    another |= redone[1] != first[1];
  }
  EXPECT_TRUE(another) << "some take gives scene 2 another of the 8 clips";
  EXPECT_EQ(clip_names(dir, graph, "take1-again", {"--redo", "scene=2", "--take", "1"}), takes[0]);
}

}  // namespace
}  // namespace reelflow::testing
