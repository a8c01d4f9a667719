#pragma once
// The stage's inputs, checked for consistency: one narration clip per scene, and a
// video clip or a still image per scene (the i-th of each belongs to the i-th scene;
// a clip wins over an image), and the music file to use, if any (the `music` input wins over the `music` param, which wins over `music_bed`).
#include "render_settings.hpp"

#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>
#include <reelflow/value.hpp>

#include <filesystem>
#include <vector>

namespace reelflow::compositor {

struct SceneInputs {
  std::string title;  // the scene list's (the script's) title
  std::vector<Scene> scenes;
  std::vector<AudioClip> clips;
  std::vector<std::filesystem::path> images;       // empty, or one per scene
  std::vector<std::filesystem::path> video_clips;  // empty, or one per scene (an empty path: none)
  std::filesystem::path music;  // empty: no music

  // Throws std::invalid_argument with a one-line message on mismatched or missing inputs.
  // The input ports both stage types declare: scenes, audio, images, clips, music.
  static void declare(StageSpec& spec);
  static SceneInputs from(const StageContext& ctx, const RenderSettings& settings);

  // Whether scene i shows a clip (else its image).
  bool has_clip(std::size_t i) const { return i < video_clips.size() && !video_clips[i].empty(); }
};

}  // namespace reelflow::compositor
