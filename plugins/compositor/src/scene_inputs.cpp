#include "scene_inputs.hpp"

#include "music_library.hpp"

#include <source_kit/clip_set.hpp>

#include <stdexcept>
#include <string>

namespace reelflow::compositor {

void SceneInputs::declare(StageSpec& spec) {
  spec.input("scenes", types::scenes, "the scenes (caption and narration text)");
  spec.input("audio", types::audio, "one narration clip per scene, in scene order (durations set the timing)");
  spec.input("images", types::image,
             "one still image per scene, in scene order (any size; centre-cropped); needed unless 'clips' is connected")
      .optional();
  spec.input("clips", source_kit::kClipsType,
             "one video clip per scene, in scene order (clip_source): shown instead of the image, cover-fitted, "
             "trimmed or looped to the scene, no Ken Burns, its sound dropped")
      .optional();
  spec.input("music", types::audio, "background music: the first clip is used (overrides the music param)")
      .optional();
}

SceneInputs SceneInputs::from(const StageContext& ctx, const RenderSettings& settings) {
  SceneInputs in;
  in.title = ctx.input_as<SceneList>("scenes").title;
  in.scenes = ctx.input_as<SceneList>("scenes").scenes;
  in.clips = ctx.input_as<AudioTrack>("audio").clips;
  if (const Value* images = ctx.input("images")) in.images = std::get<ImageSet>(*images).images;
  if (const Value* clips = ctx.input("clips"))
    for (const auto& clip : from_record<source_kit::ClipSet>(std::get<Record>(*clips)).clips)
      in.video_clips.emplace_back(clip.path);

  const auto n = std::to_string(in.scenes.size());
  if (in.scenes.empty()) throw std::invalid_argument("input 'scenes' has no scenes");
  if (in.clips.size() != in.scenes.size())
    throw std::invalid_argument("input 'audio' has " + std::to_string(in.clips.size()) + " clips but 'scenes' has " +
                                n + " scenes (need one clip per scene)");
  if (in.images.empty() && in.video_clips.empty())
    throw std::invalid_argument("neither 'images' nor 'clips' is connected (need a picture or a clip per scene)");
  if (!in.images.empty() && in.images.size() != in.scenes.size())
    throw std::invalid_argument("input 'images' has " + std::to_string(in.images.size()) +
                                " images but 'scenes' has " + n + " scenes (need one image per scene)");
  if (!in.video_clips.empty() && in.video_clips.size() != in.scenes.size())
    throw std::invalid_argument("input 'clips' has " + std::to_string(in.video_clips.size()) +
                                " clips but 'scenes' has " + n + " scenes (need one clip per scene)");
  // Pictures are prepared during the render; a missing one is reported now, not minutes in.
  std::error_code ec;
  for (const auto& image : in.images)
    if (!std::filesystem::is_regular_file(image, ec))
      throw std::invalid_argument("image '" + image.string() + "' does not exist");
  for (std::size_t i = 0; i < in.scenes.size(); ++i)
    if (in.has_clip(i) ? !std::filesystem::is_regular_file(in.video_clips[i], ec) : in.images.empty())
      throw std::invalid_argument(in.has_clip(i) ? "clip '" + in.video_clips[i].string() + "' does not exist"
                                                 : "scene " + std::to_string(i + 1) +
                                                       " has no clip and 'images' is not connected");
  for (std::size_t i = 0; i < in.clips.size(); ++i)
    if (in.clips[i].duration_s < 0.0)
      throw std::invalid_argument("input 'audio': clip " + std::to_string(i) + " has a negative duration");

  if (const Value* music = ctx.input("music")) {
    const auto* track = std::get_if<AudioTrack>(music);
    if (!track || track->clips.empty()) throw std::invalid_argument("input 'music' has no audio clip");
    in.music = track->clips.front().path;
  } else if (!settings.music_path.empty()) {
    in.music = settings.music_path;
  } else if (!settings.music_bed.empty() && settings.music_bed != "none") {
    in.music = find_music_bed(settings.music_dir, settings.music_bed);
  }
  if (!in.music.empty() && !std::filesystem::is_regular_file(in.music, ec))
    throw std::invalid_argument("music file '" + in.music.string() + "' does not exist");
  return in;
}

}  // namespace reelflow::compositor
