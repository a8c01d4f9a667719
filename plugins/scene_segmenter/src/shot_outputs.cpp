#include "shot_outputs.hpp"

#include "shot_list_file.hpp"

#include <cstdio>

namespace reelflow::scene_segmenter {
namespace {

constexpr std::size_t kCutsListedInLog = 20;

}  // namespace

const char* const kCutsDoc =
    "shot boundaries: {time_s, kind (cut|dissolve|fade), score, frame, start_s, end_s}; the port's value is "
    "the list, each emitted alone as it is confirmed";
const char* const kCutsSchema = R"({
  "$defs": {"cut": {"type": "object", "required": ["time_s", "kind", "score", "frame", "start_s", "end_s"],
    "properties": {"time_s": {"type": "number"}, "kind": {"enum": ["cut", "dissolve", "fade"]},
                   "score": {"type": "number"}, "frame": {"type": "integer"},
                   "start_s": {"type": "number"}, "end_s": {"type": "number"}}}},
  "oneOf": [{"$ref": "#/$defs/cut"}, {"type": "array", "items": {"$ref": "#/$defs/cut"}}]
})";

void to_json(nlohmann::json& j, const Transition& t) {
  j = {{"time_s", t.time_s}, {"kind", kind_name(t.kind)}, {"score", t.score},
       {"frame", t.frame},   {"start_s", t.start_s},      {"end_s", t.end_s}};
}

Record cut_record(const Transition& t) { return to_record(kCutsType, t); }
Record cuts_record(const std::vector<Transition>& transitions) { return to_record(kCutsType, transitions); }

void declare_shot_params_and_outputs(StageSpec& spec) {
  spec.output("scenes", types::scenes, "one scene per shot, with start_s, end_s and thumbnail");
  spec.output("scene_list", types::file, "the shot list as JSON, in the output directory");
  spec.output("cuts", kCutsType, "the shot boundaries with time, kind and score; each is emitted as it is found");
  spec.param("threshold", 27.0, "a frame whose HSV content change is at least this (0-255) starts a shot")
      .range(0.0, 255.0);
  spec.param("min_scene_len", 15, "fewest frames in a shot; cuts closer than this to the last one are ignored")
      .range(1.0, 1e9);
  spec.param("gradual", true, "also find dissolves and fades (twin comparison)");
  spec.param("gradual_threshold", 20.0, "change (mean BGR, 0-255) across a dissolve or fade that makes it a boundary")
      .range(0.0, 255.0);
  spec.param("gradual_min_step", 2.0, "frame-to-frame change (mean BGR) that may be part of a dissolve or fade")
      .range(0.0, 255.0);
  spec.param("gradual_max_s", 2.0, "longest dissolve or fade; a longer run of change is motion").range(0.0, 60.0);
  spec.param("black_level", 16.0, "a frame darker than this (mean BGR) is black: a transition to or from it is a fade")
      .range(0.0, 255.0);
  spec.param("downscale", 0, "shrink frames by this factor before comparing (0 = auto, about 256 px wide)")
      .range(0.0, 64.0);
  spec.param("thumbnails", true, "write a JPEG from the middle of each shot to <scene_list_name>_thumbs/");
  spec.param("scene_list_name", "scenes.json", "file name of the JSON shot list in the output directory");
  spec.trust("scene_list_name", ParamTrust::Path);
}

DetectorSettings detector_settings(const ParamSet& params) {
  DetectorSettings s;
  s.threshold = params.number("threshold");
  s.min_scene_len = params.integer("min_scene_len");
  s.gradual = params.flag("gradual");
  s.gradual_settings.threshold = params.number("gradual_threshold");
  s.gradual_settings.min_step = params.number("gradual_min_step");
  s.gradual_settings.max_s = params.number("gradual_max_s");
  s.gradual_settings.black_level = params.number("black_level");
  return s;
}

std::string scene_list_name_error(const ParamSet& params) {
  const std::string name = params.str("scene_list_name");
  const std::filesystem::path path(name);
  if (!name.empty() && path.filename() == path && name != "." && name != "..") return {};
  return "scene_list_name '" + name + "' must be a file name without folders";
}

std::string publish_shots(StageContext& context, const std::string& title, const std::vector<Shot>& shots,
                          const std::vector<Transition>& transitions) {
  const std::filesystem::path list_path = context.output_dir() / context.params().str("scene_list_name");
  write_shot_list(list_path, shots);
  SceneList scenes;
  scenes.title = title;
  for (const Shot& shot : shots) {
    Scene scene;
    scene.index = shot.index;
    scene.start_s = shot.start_s;
    scene.end_s = shot.end_s;
    scene.target_duration_s = shot.end_s - shot.start_s;
    scene.thumbnail = shot.thumbnail;
    scenes.scenes.push_back(std::move(scene));
  }
  context.set_output("scenes", std::move(scenes));
  context.set_output("scene_list", FileRef{list_path, "application/json"});
  context.set_output("cuts", cuts_record(transitions));

  std::string text = std::to_string(shots.size()) + " shot(s)";
  for (std::size_t i = 0; i < transitions.size() && i < kCutsListedInLog; ++i) {
    char cut[64];
    std::snprintf(cut, sizeof cut, "%s%s at %.2f s", i == 0 ? "; " : ", ",
                  std::string(kind_name(transitions[i].kind)).c_str(), transitions[i].time_s);
    text += cut;
  }
  if (transitions.size() > kCutsListedInLog) text += ", ...";
  return text;
}

}  // namespace reelflow::scene_segmenter
