#pragma once
// The values that flow between stages. Every port has one PortType; the value
// on it is the matching alternative of Value. Media stays in files; values
// carry paths and the facts about them that later stages need.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace reelflow {

enum class PortType : std::uint8_t { Text, Script, Scenes, Audio, Image, Video, File };

inline constexpr PortType kAllPortTypes[] = {PortType::Text,  PortType::Script, PortType::Scenes,
                                             PortType::Audio, PortType::Image,  PortType::Video,
                                             PortType::File};

constexpr std::string_view port_type_name(PortType type) {
  switch (type) {
    case PortType::Text: return "text";
    case PortType::Script: return "script";
    case PortType::Scenes: return "scenes";
    case PortType::Audio: return "audio";
    case PortType::Image: return "image";
    case PortType::Video: return "video";
    case PortType::File: return "file";
  }
  return "?";
}

inline std::optional<PortType> port_type_from_name(std::string_view name) {
  for (PortType t : kAllPortTypes)
    if (port_type_name(t) == name) return t;
  return std::nullopt;
}

// An output of type `from` may feed an input of type `to`: the same type, or any
// value that lives in a single file (video, file) into a `file` input.
constexpr bool port_types_compatible(PortType from, PortType to) {
  return from == to || (to == PortType::File && from == PortType::Video);
}

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

using Value = std::variant<Text, Script, SceneList, AudioTrack, ImageSet, VideoFile, FileRef>;

template <class T> struct PortTypeOf;
template <> struct PortTypeOf<Text> { static constexpr PortType value = PortType::Text; };
template <> struct PortTypeOf<Script> { static constexpr PortType value = PortType::Script; };
template <> struct PortTypeOf<SceneList> { static constexpr PortType value = PortType::Scenes; };
template <> struct PortTypeOf<AudioTrack> { static constexpr PortType value = PortType::Audio; };
template <> struct PortTypeOf<ImageSet> { static constexpr PortType value = PortType::Image; };
template <> struct PortTypeOf<VideoFile> { static constexpr PortType value = PortType::Video; };
template <> struct PortTypeOf<FileRef> { static constexpr PortType value = PortType::File; };

inline PortType port_type_of(const Value& value) {
  return std::visit([](const auto& v) { return PortTypeOf<std::decay_t<decltype(v)>>::value; }, value);
}

// The single file a value stands for, when it has one (video, file, a one-image set).
inline std::optional<std::filesystem::path> file_of(const Value& value) {
  if (auto* v = std::get_if<VideoFile>(&value)) return v->path;
  if (auto* f = std::get_if<FileRef>(&value)) return f->path;
  if (auto* i = std::get_if<ImageSet>(&value); i && i->images.size() == 1) return i->images.front();
  return std::nullopt;
}

}  // namespace reelflow
