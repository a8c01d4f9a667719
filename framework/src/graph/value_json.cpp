#include "graph/value_json.hpp"

#include <stdexcept>

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
// A plugin type's value, as its JSON (kept as text when it is not JSON at all).
json to_json(const Record& v) {
  json parsed = json::parse(v.json, nullptr, false);
  if (parsed.is_discarded()) return {{"json", v.json}};
  return {{"value", std::move(parsed)}};
}

// Readers: every field value_to_json writes is required, except the optional thumbnail.
template <class T> T field(const json& j, const char* name) { return j.at(name).get<T>(); }

Text text_from(const json& j) { return {field<std::string>(j, "text")}; }

Script script_from(const json& j) {
  Script v{field<std::string>(j, "topic"), field<std::string>(j, "title"), field<std::string>(j, "hook"), {}};
  for (const auto& s : j.at("scenes"))
    v.scenes.push_back({field<std::string>(s, "narration"), field<std::string>(s, "caption"), field<std::string>(s, "visual")});
  return v;
}

SceneList scenes_from(const json& j) {
  SceneList v{field<std::string>(j, "title"), {}};
  for (const auto& s : j.at("scenes")) {
    Scene scene;
    scene.index = field<int>(s, "index");
    scene.narration = field<std::string>(s, "narration");
    scene.caption = field<std::string>(s, "caption");
    scene.visual = field<std::string>(s, "visual");
    scene.target_duration_s = field<double>(s, "target_duration_s");
    scene.start_s = field<double>(s, "start_s");
    scene.end_s = field<double>(s, "end_s");
    if (s.contains("thumbnail")) scene.thumbnail = field<std::string>(s, "thumbnail");
    v.scenes.push_back(std::move(scene));
  }
  return v;
}

AudioTrack audio_from(const json& j) {
  AudioTrack v;
  for (const auto& c : j.at("clips")) {
    AudioClip clip{field<int>(c, "scene_index"), field<std::string>(c, "path"), field<double>(c, "duration_s"), {}};
    for (const auto& w : c.at("words"))
      clip.words.push_back({field<std::string>(w, "word"), field<double>(w, "start_s"), field<double>(w, "end_s")});
    v.clips.push_back(std::move(clip));
  }
  return v;
}

ImageSet images_from(const json& j) {
  ImageSet v;
  for (const auto& p : j.at("images")) v.images.emplace_back(p.get<std::string>());
  return v;
}

VideoFile video_from(const json& j) {
  return {field<std::string>(j, "path"), field<double>(j, "duration_s"), field<int>(j, "width"), field<int>(j, "height"),
          field<double>(j, "fps")};
}

FileRef file_from(const json& j) { return {field<std::string>(j, "path"), field<std::string>(j, "mime_type")}; }

}  // namespace

nlohmann::json value_to_json(const Value& value) {
  json j = std::visit([](const auto& v) { return to_json(v); }, value);
  j["type"] = std::string(value_type_of(value));
  return j;
}

Value value_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("type") || !j.at("type").is_string())
    throw std::invalid_argument("a value must be a JSON object with a string \"type\"");
  const std::string name = j.at("type").get<std::string>();
  try {
    if (name == types::text) return text_from(j);
    if (name == types::script) return script_from(j);
    if (name == types::scenes) return scenes_from(j);
    if (name == types::audio) return audio_from(j);
    if (name == types::image) return images_from(j);
    if (name == types::video) return video_from(j);
    if (name == types::file) return file_from(j);
    if (j.contains("value")) return Record{name, j.at("value").dump()};
    if (j.contains("json")) return Record{name, j.at("json").get<std::string>()};
    throw std::invalid_argument("a '" + name + "' value has neither \"value\" nor \"json\"");
  } catch (const json::exception& e) {
    throw std::invalid_argument("bad " + name + " value: " + e.what());
  }
}

}  // namespace reelflow::framework
