#pragma once
// The values that flow between stages on value ports (stream ports carry
// GStreamer buffers instead: stream_stage.hpp). Every value port has a value
// type, named by a string: the built-in ones below, or one a plugin registers
// (PluginRegistrar::add_value_type), whose values travel as a Record of JSON.
// Media stays in files; values carry paths and the facts later stages need.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace reelflow {

// The built-in value types (SDK 2.0: names, no longer a closed enum).
namespace types {
inline constexpr std::string_view text = "text";
inline constexpr std::string_view script = "script";
inline constexpr std::string_view scenes = "scenes";
inline constexpr std::string_view audio = "audio";
inline constexpr std::string_view image = "image";
inline constexpr std::string_view video = "video";
inline constexpr std::string_view file = "file";
}  // namespace types

inline constexpr std::string_view kBuiltinValueTypes[] = {types::text,  types::script, types::scenes, types::audio,
                                                          types::image, types::video,  types::file};

struct Text {
  std::string text;
};

struct ScriptScene {
  std::string narration;  // what the voice says
  std::string caption;    // short on-screen text
  std::string visual;     // what the picture should show
};

struct Script {
  std::string topic;
  std::string title;
  std::string hook;
  std::vector<ScriptScene> scenes;
};

struct Scene {
  int index = 0;
  std::string narration;
  std::string caption;
  std::string visual;
  double target_duration_s = 0.0;  // planned length; TTS may refine it
  double start_s = 0.0;            // position in a source video (shot_detect), else 0
  double end_s = 0.0;
  std::filesystem::path thumbnail;  // optional
};

struct SceneList {
  std::string title;
  std::vector<Scene> scenes;
};

struct WordTiming {
  std::string word;
  double start_s = 0.0;  // relative to the start of its clip
  double end_s = 0.0;
};

struct AudioClip {
  int scene_index = 0;
  std::filesystem::path path;  // a WAV (or any decodable audio) file
  double duration_s = 0.0;     // exact, measured from the samples
  std::vector<WordTiming> words;  // empty when the provider gives none
};

// An audio port carries one clip per scene (or a single clip for a whole track).
struct AudioTrack {
  std::vector<AudioClip> clips;
};

// An image port carries one image per scene (or a single image, e.g. a thumbnail).
struct ImageSet {
  std::vector<std::filesystem::path> images;
};

struct VideoFile {
  std::filesystem::path path;
  double duration_s = 0.0;
  int width = 0;
  int height = 0;
  double fps = 0.0;
};

struct FileRef {
  std::filesystem::path path;
  std::string mime_type;  // may be empty
};

// A value of a type a plugin registered: its type's name and its JSON text
// (reelflow/record.hpp converts C++ structs with to_json/from_json).
struct Record {
  std::string type;
  std::string json;
};

using Value = std::variant<Text, Script, SceneList, AudioTrack, ImageSet, VideoFile, FileRef, Record>;

template <class T> struct ValueTypeOf;
template <> struct ValueTypeOf<Text> { static constexpr std::string_view name = types::text; };
template <> struct ValueTypeOf<Script> { static constexpr std::string_view name = types::script; };
template <> struct ValueTypeOf<SceneList> { static constexpr std::string_view name = types::scenes; };
template <> struct ValueTypeOf<AudioTrack> { static constexpr std::string_view name = types::audio; };
template <> struct ValueTypeOf<ImageSet> { static constexpr std::string_view name = types::image; };
template <> struct ValueTypeOf<VideoFile> { static constexpr std::string_view name = types::video; };
template <> struct ValueTypeOf<FileRef> { static constexpr std::string_view name = types::file; };

// The name of the value's type.
inline std::string_view value_type_of(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string_view {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Record>) return v.type;
        else return ValueTypeOf<T>::name;
      },
      value);
}

// The single file a value stands for, when it has one (video, file, a one-image set).
inline std::optional<std::filesystem::path> file_of(const Value& value) {
  if (auto* v = std::get_if<VideoFile>(&value)) return v->path;
  if (auto* f = std::get_if<FileRef>(&value)) return f->path;
  if (auto* i = std::get_if<ImageSet>(&value); i && i->images.size() == 1) return i->images.front();
  return std::nullopt;
}

}  // namespace reelflow
