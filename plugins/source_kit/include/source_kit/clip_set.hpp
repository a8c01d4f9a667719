#pragma once
// The `clips` value type: one video clip per scene, from `clip_source` to the
// compositor; an empty path says the scene has no clip (the compositor shows its image). A clip's path names a file where it stays (a graph's folder, the
// download cache): the runtime does not look for paths inside a plugin type's JSON,
// so clip_source never makes a file its cache would have to keep. `id` changes
// whenever the clip's content may have (the file's size and time, the download's
// request), so the stages after it re-run when it does.
#include <reelflow/record.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace reelflow::source_kit {

inline constexpr const char* kClipsType = "clips";
inline constexpr const char* kClipsDoc =
    "one video clip per scene, in scene order: path (empty: none for that scene), id (changes with the content), "
    "duration_s, width, height";
inline constexpr const char* kClipsSchema = R"({"type":"object","required":["clips"],"additionalProperties":false,
 "properties":{"clips":{"type":"array","items":{"type":"object","required":["path","id","duration_s","width","height"],
  "additionalProperties":false,
  "properties":{"path":{"type":"string"},"id":{"type":"string"},
   "duration_s":{"type":"number","minimum":0},
   "width":{"type":"integer","minimum":0},"height":{"type":"integer","minimum":0}}}}}})";

struct SceneClip {
  std::string path;
  std::string id;
  double duration_s = 0.0;
  int width = 0;
  int height = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SceneClip, path, id, duration_s, width, height)

struct ClipSet {
  std::vector<SceneClip> clips;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ClipSet, clips)

inline Record to_record(const ClipSet& set) { return reelflow::to_record(kClipsType, set); }

}  // namespace reelflow::source_kit
