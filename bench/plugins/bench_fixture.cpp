// bench_fixture: emits fixed scenes, narration clips and images read from a JSON
// file, so the render benchmarks feed the compositor exactly the inputs the
// ffmpeg command gets, and time the compositor rather than TTS or image making.
//
// The file holds the values as `reelflow run --events json` prints them:
//   {"scenes": {"title": "...", "scenes": [{"index": 0, "narration": "...", ...}]},
//    "audio":  {"clips": [{"scene_index": 0, "path": "...", "duration_s": 6.1, "words": [...]}]},
//    "images": {"images": ["a.jpg", ...]}}
#include <reelflow/reelflow.hpp>

#include <nlohmann/json.hpp>

#include <fstream>

namespace {

using namespace reelflow;
using nlohmann::json;

SceneList scenes_from(const json& j) {
  SceneList list{j.value("title", std::string()), {}};
  for (const auto& s : j.at("scenes")) {
    Scene scene;
    scene.index = s.at("index").get<int>();
    scene.narration = s.value("narration", std::string());
    scene.caption = s.value("caption", std::string());
    scene.visual = s.value("visual", std::string());
    scene.target_duration_s = s.value("target_duration_s", 0.0);
    list.scenes.push_back(std::move(scene));
  }
  return list;
}

AudioTrack audio_from(const json& j) {
  AudioTrack track;
  for (const auto& c : j.at("clips")) {
    AudioClip clip{c.at("scene_index").get<int>(), c.at("path").get<std::string>(), c.at("duration_s").get<double>(), {}};
    for (const auto& w : c.value("words", json::array()))
      clip.words.push_back({w.at("word").get<std::string>(), w.at("start_s").get<double>(), w.at("end_s").get<double>()});
    track.clips.push_back(std::move(clip));
  }
  return track;
}

ImageSet images_from(const json& j) {
  ImageSet set;
  for (const auto& p : j.at("images")) set.images.emplace_back(p.get<std::string>());
  return set;
}

class BenchFixture final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Emits scenes, narration clips and images from a JSON file (benchmarks only)");
    spec.output("scenes", types::scenes, "the scenes");
    spec.output("audio", types::audio, "one narration clip per scene");
    spec.output("images", types::image, "one image per scene");
    spec.required_param("path", ParamType::String, "the JSON file");
    spec.not_cacheable();  // the file's content is not part of the cache key
  }

  Status process(StageContext& ctx) override {
    const std::string path = ctx.params().str("path");
    std::ifstream in(path);
    if (!in) return Status::error("bench_fixture: cannot read " + path);
    try {
      const json j = json::parse(in);
      ctx.set_output("scenes", scenes_from(j.at("scenes")));
      ctx.set_output("audio", audio_from(j.at("audio")));
      ctx.set_output("images", images_from(j.at("images")));
    } catch (const json::exception& e) {
      return Status::error("bench_fixture: " + path + ": " + e.what());
    }
    return Status::ok();
  }
};

}  // namespace

REELFLOW_PLUGIN("bench_fixture", "0.1.0", "Benchmark-only fixed inputs from a JSON file") {
  registrar.add<BenchFixture>("bench_fixture");
}
