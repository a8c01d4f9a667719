#include "scene_render.hpp"

#include "audio_stream.hpp"
#include "ducking_envelope.hpp"
#include "ken_burns_path.hpp"
#include "scene_picture.hpp"
#include "soundtrack_levels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reelflow::compositor {
namespace {

constexpr int kRate = SceneRender::kAudioRate;
constexpr int kChannels = SceneRender::kAudioChannels;
// Looping music is crossfaded into itself over this much at each seam (LoopingSource).
constexpr double kMusicSeamS = 0.05;

void throw_if_cancelled(const StageContext& ctx) {
  if (ctx.cancelled()) throw Cancelled();
}

// Every clip is decoded once here, so one that cannot be decoded is reported before the
// render starts, and measured: its length (when the TTS did not state it), where it
// speaks, and the narration's loudness. The render decodes each again while it plays.
NarrationLevels measure_clips(StageContext& ctx, const SceneInputs& in) {
  return measure_narration(in.clips, kRate, kChannels, [&](std::size_t i) {
    throw_if_cancelled(ctx);
    ctx.progress(0.0, "checking narration " + std::to_string(i + 1) + "/" + std::to_string(in.clips.size()));
  });
}

PcmSourceOpener stream_of(const std::filesystem::path& file) {
  return [file] { return std::make_unique<AudioStream>(file, kRate, kChannels); };
}

// Where the voice speaks on the timeline: each clip's voiced spans from its scene's start,
// cut where the clip is cut (its scene's end).
std::vector<VoiceSpan> voice_on_timeline(const NarrationLevels& narration, const SceneTimeline& timeline) {
  std::vector<VoiceSpan> voice;
  for (std::size_t i = 0; i < narration.voiced.size(); ++i) {
    const SceneSlot& slot = timeline.scenes()[i];
    for (const VoiceSpan& span : narration.voiced[i]) {
      const double end = std::min(span.end_s, slot.duration_s);
      if (span.start_s < end) voice.push_back({slot.start_s + span.start_s, slot.start_s + end});
    }
  }
  return voice;
}

// The soundtrack's plan; the mixer decodes and mixes it block by block during the render.
SoundtrackMixer plan_soundtrack(StageContext& ctx, const SceneInputs& in, const RenderSettings& s,
                                const SceneTimeline& timeline, const NarrationLevels& narration,
                                std::size_t frames) {
  std::vector<PlacedClip> placed;
  for (std::size_t i = 0; i < in.clips.size(); ++i) {
    const SceneSlot& slot = timeline.scenes()[i];
    placed.push_back({stream_of(in.clips[i].path), slot.start_s, slot.duration_s});
  }
  std::optional<MusicBed> music;
  if (!in.music.empty()) {
    throw_if_cancelled(ctx);
    ctx.progress(0.0, "measuring the music");
    const double length_s = static_cast<double>(frames) / kRate;
    const MusicLevel level =
        music_level(narration.loudness_lufs, measure_music_lufs(in.music, length_s, kRate, kChannels), s.music_db);
    ctx.log(LogLevel::Info, "music " + fixed_text(level.music_lufs, 1) + " LUFS, narration " +
                                (level.speech_measured ? fixed_text(level.speech_lufs, 1) + " LUFS"
                                                       : "silent (taken as " + fixed_text(level.speech_lufs, 1) +
                                                             " LUFS)") +
                                ": music gain " + fixed_text(level.gain_db, 1) + " dB");
    music = MusicBed{stream_of(in.music),
                     DuckingEnvelope(voice_on_timeline(narration, timeline), level.gain_db, s.duck_db,
                                     s.music_fade_s, length_s, DuckingEnvelope::scene_changes(timeline)),
                     static_cast<std::size_t>(std::lround(kMusicSeamS * kRate))};
  }
  return SoundtrackMixer(frames, kRate, kChannels, std::move(placed), std::move(music));
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

}  // namespace

std::string fixed_text(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string seconds_text(double s) { return fixed_text(s, 2) + " s"; }

SceneRender::SceneRender(StageContext& ctx, const RenderSettings& settings)
    : ctx_(ctx), settings_(settings), inputs_(SceneInputs::from(ctx, settings)) {
  const RenderSettings& s = settings_;
  const cv::Size frame_size(s.width, s.height);
  const cv::Size picture_size = s.ken_burns ? picture_size_for(frame_size, s.zoom) : frame_size;
  pictures_ = std::make_unique<PictureLookahead>(
      inputs_.scenes.size(), [this, picture_size, frame_size, fps = s.fps](std::size_t scene) -> ScenePicture {
        if (inputs_.has_clip(scene))
          return ScenePicture(std::make_shared<ClipPlayer>(inputs_.video_clips[scene], frame_size, fps));
        return load_scene_picture(inputs_.images[scene], picture_size);
      });
  // The first picture is decoded while the soundtrack is measured (it needs no timeline).
  pictures_->prefetch(0);
  const NarrationLevels narration = measure_clips(ctx, inputs_);
  timeline_.emplace(narration.lengths_s, s.scene_padding_s, s.transition_s);
  if (s.transition == Transition::Crossfade && s.scene_padding_s < timeline_->transition_s())
    ctx.log(LogLevel::Warn, "scene_padding_s is shorter than the crossfade: narrations overlap by " +
                                seconds_text(timeline_->transition_s() - s.scene_padding_s));

  frame_count_ = static_cast<std::int64_t>(std::llround(timeline_->total_s() * s.fps));
  const auto audio_frames = static_cast<std::size_t>(std::llround(duration_s() * kRate));
  soundtrack_.emplace(plan_soundtrack(ctx, inputs_, s, *timeline_, narration, audio_frames));

  std::vector<KenBurnsPath> paths;
  for (std::size_t i = 0; i < inputs_.scenes.size(); ++i)
    paths.push_back(s.ken_burns ? KenBurnsPath::for_scene(i, picture_size.width, picture_size.height, s.zoom)
                                : KenBurnsPath::still(picture_size.width, picture_size.height));
  throw_if_cancelled(ctx);
  ctx.progress(0.0, "preparing the first image");
  pictures_->show(0, 0);  // now, so an unreadable first picture or clip fails before the render starts
  renderer_.emplace(*timeline_, *pictures_, std::move(paths), frame_size);
  captions_.emplace(CaptionTrack::build(*timeline_, caption_texts(inputs_, s), s.captions,
                                        caption_line_chars(s.width, s.caption_em_px)));
  throw_if_cancelled(ctx);
}

// Candidate times for the thumbnail: the middle of each of the first scenes, clear of
// the crossfades on both sides.
std::vector<double> thumbnail_times(const SceneTimeline& timeline) {
  std::vector<double> times;
  const auto& slots = timeline.scenes();
  for (std::size_t i = 0; i < slots.size() && i < SceneRender::kThumbnailCandidates; ++i) {
    const double from = slots[i].start_s + (i > 0 ? timeline.transition_s() : 0.0);
    const double to = slots[i].end_s() - timeline.transition_s();
    times.push_back(to > from ? (from + to) / 2.0 : slots[i].start_s + slots[i].duration_s / 2.0);
  }
  return times;
}

void SceneRender::attach(GstElement* video_source, GstElement* audio_source, GstElement* caption_overlay,
                         bool in_segment) {
  video_feed_ = std::make_unique<VideoFeed>(ctx_, *renderer_, settings_.fps, frame_count_);
  video_feed_->attach(video_source, in_segment);
  audio_feed_ = std::make_unique<AudioFeed>(ctx_, *soundtrack_, kRate, kChannels);
  audio_feed_->attach(audio_source, in_segment);
  if (caption_overlay) caption_driver_.emplace(*captions_, caption_overlay);
  // The thumbnail's candidates are taken before the captions: the title goes over them instead.
  gst::PadPtr pictures(gst_element_get_static_pad(video_source, "src"));
  thumbnail_ = std::make_unique<ThumbnailGrabber>(pictures.get(), video_feed_->info(), thumbnail_times(*timeline_));
}

void SceneRender::write_thumbnail(const std::filesystem::path& file) const {
  thumbnail_->write(file, settings_.thumbnail_title ? inputs_.title : std::string());
}

Status SceneRender::feed_status() const {
  if (!video_feed_) return Status::error("the render never started");
  if (!video_feed_->error().empty()) return Status::error("frame rendering failed: " + video_feed_->error());
  if (!audio_feed_->error().empty()) return Status::error("soundtrack mixing failed: " + audio_feed_->error());
  return Status::ok();
}

Status SceneRender::completeness() const {
  if (!video_feed_) return Status::error("the render never started");
  if (video_feed_->frames_pushed() != frame_count_)
    return Status::error("only " + std::to_string(video_feed_->frames_pushed()) + " of " +
                         std::to_string(frame_count_) + " frames were rendered");
  return Status::ok();
}

std::string SceneRender::summary() const {
  return "rendering " + std::to_string(scene_count()) + " scenes, " + seconds_text(duration_s()) + " at " +
         std::to_string(settings_.width) + "x" + std::to_string(settings_.height) + "@" +
         std::to_string(settings_.fps) + (has_music() ? " with music" : "");
}

}  // namespace reelflow::compositor
