#include "compositor_stage.hpp"

#include "audio_feed.hpp"
#include "audio_stream.hpp"
#include "caption_driver.hpp"
#include "caption_track.hpp"
#include "ducking_envelope.hpp"
#include "frame_renderer.hpp"
#include "gst_elements.hpp"
#include "ken_burns_path.hpp"
#include "picture_lookahead.hpp"
#include "render_pipeline.hpp"
#include "render_settings.hpp"
#include "scene_inputs.hpp"
#include "scene_picture.hpp"
#include "scene_timeline.hpp"
#include "soundtrack_mixer.hpp"
#include "thumbnail_grabber.hpp"
#include "video_feed.hpp"

#include <reelflow/atomic_file.hpp>

#include <gst/gst.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

constexpr int kAudioRate = 48000;
constexpr int kAudioChannels = 2;

// Unwinds out of the preparation; process() reports it as "cancelled". Its own type,
// so a real failure that happens while a cancel is pending is still reported as itself.
struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("cancelled") {}
};

void throw_if_cancelled(const StageContext& ctx) {
  if (ctx.cancelled()) throw Cancelled();
}

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string seconds(double s) { return fixed(s, 2) + " s"; }

// Each clip's length: its stated duration (exact, from the TTS) or, when that is missing,
// its decoded length. Every clip is opened once here, so one that cannot be decoded is
// reported before the render starts; the render decodes each again while it plays.
std::vector<double> narration_lengths(StageContext& ctx, const SceneInputs& in) {
  std::vector<double> lengths;
  for (std::size_t i = 0; i < in.clips.size(); ++i) {
    throw_if_cancelled(ctx);
    ctx.progress(0.0, "checking narration " + std::to_string(i + 1) + "/" + std::to_string(in.clips.size()));
    const AudioClip& clip = in.clips[i];
    if (clip.duration_s > 0.0) {
      AudioStream::check_decodable(clip.path, kAudioRate, kAudioChannels);
      lengths.push_back(clip.duration_s);
    } else {
      lengths.push_back(AudioStream::measure_s(clip.path, kAudioRate, kAudioChannels));
    }
  }
  return lengths;
}

PcmSourceOpener stream_of(const std::filesystem::path& file) {
  return [file] { return std::make_unique<AudioStream>(file, kAudioRate, kAudioChannels); };
}

// The soundtrack's plan; the mixer decodes and mixes it block by block during the render.
SoundtrackMixer plan_soundtrack(StageContext& ctx, const SceneInputs& in, const RenderSettings& s,
                                const SceneTimeline& timeline, std::size_t frames) {
  std::vector<PlacedClip> placed;
  std::vector<VoiceSpan> voice;
  for (std::size_t i = 0; i < in.clips.size(); ++i) {
    const SceneSlot& slot = timeline.scenes()[i];
    placed.push_back({stream_of(in.clips[i].path), slot.start_s, slot.duration_s});
    voice.push_back({slot.start_s, slot.start_s + slot.narration_s});
  }
  std::optional<MusicBed> music;
  if (!in.music.empty()) {
    throw_if_cancelled(ctx);
    ctx.progress(0.0, "checking music");
    AudioStream::check_decodable(in.music, kAudioRate, kAudioChannels);
    const double length_s = static_cast<double>(frames) / kAudioRate;
    music = MusicBed{stream_of(in.music), DuckingEnvelope(voice, s.music_db, s.duck_db, s.music_fade_s, length_s)};
  }
  return SoundtrackMixer(frames, kAudioRate, kAudioChannels, std::move(placed), std::move(music));
}

std::vector<SceneCaptionText> caption_texts(const SceneInputs& in, const RenderSettings& s) {
  std::vector<SceneCaptionText> texts;
  for (std::size_t i = 0; i < in.scenes.size(); ++i) {
    const Scene& scene = in.scenes[i];
    SceneCaptionText text;
    if (s.caption_source == CaptionSource::Narration) {
      text.text = scene.narration.empty() ? scene.caption : scene.narration;
      // Word timings describe the narration; they only apply when it is what we show.
      if (!scene.narration.empty()) text.words = in.clips[i].words;
    } else {
      text.text = scene.caption.empty() ? scene.narration : scene.caption;
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

Status render(StageContext& ctx) {
  gst_init(nullptr, nullptr);
  const auto started = std::chrono::steady_clock::now();
  const RenderSettings s = RenderSettings::from_params(ctx.params());
  const SceneInputs in = SceneInputs::from(ctx, s);
  const cv::Size frame_size(s.width, s.height);

  AtomicFile video_file(ctx.output_dir() / s.output);
  AtomicFile thumbnail_file(ctx.output_dir() / s.thumbnail_name);
  // Built first: a missing encoder is reported before any decoding work.
  RenderPipeline pipeline(s, video_file.temp_path());

  const SceneTimeline timeline(narration_lengths(ctx, in), s.scene_padding_s, s.transition_s);
  if (s.transition == Transition::Crossfade && s.scene_padding_s < timeline.transition_s())
    ctx.log(LogLevel::Warn, "scene_padding_s is shorter than the crossfade: narrations overlap by " +
                                seconds(timeline.transition_s() - s.scene_padding_s));

  const auto frame_count = static_cast<std::int64_t>(std::llround(timeline.total_s() * s.fps));
  const double duration_s = static_cast<double>(frame_count) / s.fps;
  const auto audio_frames = static_cast<std::size_t>(std::llround(duration_s * kAudioRate));
  SoundtrackMixer soundtrack = plan_soundtrack(ctx, in, s, timeline, audio_frames);

  const cv::Size picture_size = s.ken_burns ? picture_size_for(frame_size, s.zoom) : frame_size;
  std::vector<KenBurnsPath> paths;
  for (std::size_t i = 0; i < in.images.size(); ++i)
    paths.push_back(s.ken_burns ? KenBurnsPath::for_scene(i, picture_size.width, picture_size.height, s.zoom)
                                : KenBurnsPath::still(picture_size.width, picture_size.height));
  PictureLookahead pictures(in.images.size(), [&in, picture_size](std::size_t scene) {
    return load_scene_picture(in.images[scene], picture_size);
  });
  throw_if_cancelled(ctx);
  ctx.progress(0.0, "preparing the first image");
  pictures.show(0, 0);  // now, so an unreadable first image fails before the render starts
  FrameRenderer renderer(timeline, pictures, std::move(paths), frame_size);
  const CaptionTrack captions = CaptionTrack::build(timeline, caption_texts(in, s), s.captions,
                                                    caption_line_chars(s.width, s.caption_em_px));
  throw_if_cancelled(ctx);

  VideoFeed video_feed(ctx, renderer, s.fps, frame_count);
  video_feed.attach(pipeline.video_source());
  AudioFeed audio_feed(ctx, soundtrack, kAudioRate, kAudioChannels);
  audio_feed.attach(pipeline.audio_source());
  std::optional<CaptionDriver> caption_driver;
  if (pipeline.caption_overlay()) caption_driver.emplace(captions, pipeline.caption_overlay());
  // The thumbnail: mid-narration of the first scene, clear of the crossfade, captions drawn.
  const SceneSlot& first = timeline.scenes().front();
  ThumbnailGrabber thumbnail(pipeline.encoder_queue(), video_feed.info(),
                             0.5 * std::min(first.narration_s, first.duration_s - timeline.transition_s()));

  ctx.log(LogLevel::Info, "rendering " + std::to_string(in.scenes.size()) + " scenes, " + seconds(duration_s) +
                              " at " + std::to_string(s.width) + "x" + std::to_string(s.height) + "@" +
                              std::to_string(s.fps) + (in.music.empty() ? "" : " with music"));
  Status status = Status::ok();
  {
    PipelineStopper stopper(pipeline.pipeline());
    status = ctx.run_pipeline(pipeline.pipeline(), duration_s);
  }
  if (ctx.cancelled()) return Status::error("cancelled");
  if (!video_feed.error().empty()) return Status::error("frame rendering failed: " + video_feed.error());
  if (!audio_feed.error().empty()) return Status::error("soundtrack mixing failed: " + audio_feed.error());
  if (!status) return Status::error("rendering '" + s.output + "' failed: " + status.message());
  if (video_feed.frames_pushed() != frame_count)
    return Status::error("only " + std::to_string(video_feed.frames_pushed()) + " of " +
                         std::to_string(frame_count) + " frames were rendered");

  thumbnail.write(thumbnail_file.temp_path());
  video_file.commit();
  thumbnail_file.commit();

  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ctx.log(LogLevel::Info, "wrote " + video_file.destination().string() + " (" + seconds(duration_s) + " in " +
                              seconds(took) + ", " + fixed(duration_s / took, 2) +
                              "x realtime)");
  ctx.set_output("video", VideoFile{video_file.destination(), duration_s, s.width, s.height,
                                    static_cast<double>(s.fps)});
  ctx.set_output("thumbnail", ImageSet{{thumbnail_file.destination()}});
  return Status::ok();
}

}  // namespace

void CompositorStage::setup(StageSpec& spec) {
  spec.describe(
      "Renders the finished short video: each scene's image with a Ken Burns zoom/pan, crossfades, captions in "
      "sync with the narration, background music ducked under the voice; H.264 + AAC in MP4, plus a thumbnail.");
  spec.input("scenes", types::scenes, "the scenes (caption and narration text)");
  spec.input("audio", types::audio, "one narration clip per scene, in scene order (durations set the timing)");
  spec.input("images", types::image, "one still image per scene, in scene order (any size; centre-cropped)");
  spec.input("music", types::audio, "background music: the first clip is used (overrides the music param)")
      .optional();
  spec.output("video", types::video, "the finished MP4 (H.264 High + AAC)");
  spec.output("thumbnail", types::image, "a frame of the first scene with its caption (JPEG or PNG)");
  RenderSettings::declare(spec);
}

Status CompositorStage::process(StageContext& ctx) {
  try {
    return render(ctx);
  } catch (const std::exception& e) {
    // Cancelled says "cancelled"; anything else is a real failure, even with a cancel pending.
    return Status::error(e.what());
  }
}

}  // namespace reelflow::compositor
