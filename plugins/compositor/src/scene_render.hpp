#pragma once
// One render of the scenes, prepared and ready to feed a pipeline: the timeline from
// the narration lengths, the soundtrack plan, the pictures one scene ahead, the frame
// renderer and the caption track. Both stage types use it: `compositor` feeds it into
// its own encoder and MP4 muxer, `compose` into its raw stream outputs.
#include "caption_driver.hpp"
#include "caption_track.hpp"
#include "audio_feed.hpp"
#include "frame_renderer.hpp"
#include "picture_lookahead.hpp"
#include "render_settings.hpp"
#include "render_timeline.hpp"
#include "scene_inputs.hpp"
#include "scene_timeline.hpp"
#include "soundtrack_mixer.hpp"
#include "thumbnail_grabber.hpp"
#include "video_feed.hpp"

#include <reelflow/stage_context.hpp>
#include <reelflow/status.hpp>

#include <gst/gst.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace reelflow::compositor {

// Thrown out of the preparation when the stage is cancelled: its own type, so a real
// failure that happens while a cancel is pending is still reported as itself.
struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("cancelled") {}
};

class SceneRender {
 public:
  static constexpr int kAudioRate = 48000;
  static constexpr int kAudioChannels = 2;

  // Checks every input (each narration clip and the music decode, the first picture
  // loads) before anything renders; throws std::exception with a one-line message.
  SceneRender(StageContext& ctx, const RenderSettings& settings);
  SceneRender(const SceneRender&) = delete;
  SceneRender& operator=(const SceneRender&) = delete;

  // The thumbnail is the most detailed of the first scenes' middle frames.
  static constexpr std::size_t kThumbnailCandidates = 4;

  // Starts answering the appsrcs' need-data calls; drives `caption_overlay`'s text
  // (nullptr: no captions) and grabs the thumbnail's candidates from `video_source`.
  // `in_segment`: the appsrcs are in a stream segment the runtime runs (VideoFeed::attach).
  void attach(GstElement* video_source, GstElement* audio_source, GstElement* caption_overlay,
              bool in_segment = false);

  // After the pipeline ran: the first error the frame or sample feeds met, then
  // whether every frame went out.
  Status feed_status() const;
  Status completeness() const;
  // The thumbnail, with the scenes' title over it unless `thumbnail_title` is off.
  void write_thumbnail(const std::filesystem::path& file) const;

  double duration_s() const { return static_cast<double>(frame_count_) / settings_.fps; }
  // Where each scene and each spoken phrase sits in the rendered video.
  RenderTimeline timeline() const { return describe_render(*timeline_, inputs_.scenes, inputs_.clips, duration_s()); }
  std::size_t scene_count() const { return inputs_.scenes.size(); }
  bool has_music() const { return !inputs_.music.empty(); }
  // "rendering 6 scenes, 31.25 s at 1080x1920@30 with music"
  std::string summary() const;

 private:
  StageContext& ctx_;
  RenderSettings settings_;
  SceneInputs inputs_;
  std::optional<SceneTimeline> timeline_;
  std::int64_t frame_count_ = 0;
  std::optional<SoundtrackMixer> soundtrack_;
  std::unique_ptr<PictureLookahead> pictures_;
  std::optional<FrameRenderer> renderer_;
  std::optional<CaptionTrack> captions_;
  std::unique_ptr<VideoFeed> video_feed_;
  std::unique_ptr<AudioFeed> audio_feed_;
  std::optional<CaptionDriver> caption_driver_;
  std::unique_ptr<ThumbnailGrabber> thumbnail_;
};

// "12.35 s"
std::string seconds_text(double s);
// "%.*f"
std::string fixed_text(double v, int decimals);

}  // namespace reelflow::compositor
