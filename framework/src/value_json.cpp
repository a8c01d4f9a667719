#include <reelflow/framework/value_json.hpp>

namespace reelflow::framework {
namespace {

using nlohmann::json;

json to_json(const Text& v) { return {{"text", v.text}}; }

json to_json(const Script& v) {
  json scenes = json::array();
  for (const auto& s : v.scenes) scenes.push_back({{"narration", s.narration}, {"caption", s.caption}, {"visual", s.visual}});
  return {{"topic", v.topic}, {"title", v.title}, {"hook", v.hook}, {"scenes", scenes}};
}

json to_json(const SceneList& v) {
  json scenes = json::array();
  for (const auto& s : v.scenes) {
    json j = {{"index", s.index},     {"narration", s.narration}, {"caption", s.caption}, {"visual", s.visual},
              {"target_duration_s", s.target_duration_s}, {"start_s", s.start_s}, {"end_s", s.end_s}};
    if (!s.thumbnail.empty()) j["thumbnail"] = s.thumbnail.string();
    scenes.push_back(std::move(j));
  }
  return {{"title", v.title}, {"scenes", scenes}};
}

json to_json(const AudioTrack& v) {
  json clips = json::array();
  for (const auto& c : v.clips) {
    json words = json::array();
    for (const auto& w : c.words) words.push_back({{"word", w.word}, {"start_s", w.start_s}, {"end_s", w.end_s}});
    clips.push_back({{"scene_index", c.scene_index}, {"path", c.path.string()}, {"duration_s", c.duration_s}, {"words", words}});
  }
  return {{"clips", clips}};
}

json to_json(const ImageSet& v) {
  json images = json::array();
  for (const auto& p : v.images) images.push_back(p.string());
  return {{"images", images}};
}

json to_json(const VideoFile& v) {
  return {{"path", v.path.string()}, {"duration_s", v.duration_s}, {"width", v.width}, {"height", v.height}, {"fps", v.fps}};
}

json to_json(const FileRef& v) { return {{"path", v.path.string()}, {"mime_type", v.mime_type}}; }

}  // namespace

nlohmann::json value_to_json(const Value& value) {
  json j = std::visit([](const auto& v) { return to_json(v); }, value);
  j["type"] = std::string(port_type_name(port_type_of(value)));
  return j;
}

}  // namespace reelflow::framework
