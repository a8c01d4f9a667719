#pragma once
// The stage's inputs, checked for consistency: one narration clip and one image
// per scene (the i-th of each belongs to the i-th scene), and the music file to
// use, if any (the `music` input wins over the `music` param, which wins over `music_bed`).
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
  std::vector<std::filesystem::path> images;
  std::filesystem::path music;  // empty: no music

  // Throws std::invalid_argument with a one-line message on mismatched or missing inputs.
  // The input ports both stage types declare: scenes, audio, images, music.
  static void declare(StageSpec& spec);
  static SceneInputs from(const StageContext& ctx, const RenderSettings& settings);
};

}  // namespace reelflow::compositor
