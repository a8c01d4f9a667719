#include "compose_stage.hpp"

#include "caption_blend.hpp"
#include "caption_style.hpp"
#include "gst_elements.hpp"

#include <gst/gst.h>

#include <stdexcept>

namespace reelflow::compositor {
namespace {

// Makes the element (throws naming a missing one) and adds it to the bin, which holds it.
GstElement* add(GstElement* bin, const char* factory, const char* name) {
  gst::ElementPtr element = make_element(factory, name);
  add_elements(bin, {element.get()});
  return element.get();
}

void ghost(GstElement* bin, GstElement* element, const char* port) {
  gst::PadPtr target(gst_element_get_static_pad(element, "src"));
  gst_element_add_pad(bin, gst_ghost_pad_new(port, target.get()));
}

std::string video_caps(const RenderSettings& s) {
  return "video/x-raw,format=I420,width=" + std::to_string(s.width) + ",height=" + std::to_string(s.height) +
         ",framerate=" + std::to_string(s.fps) + "/1";
}

}  // namespace

void ComposeStage::setup(StageSpec& spec) {
  spec.describe(
      "Renders the scenes as raw streams: each scene's image with a Ken Burns zoom/pan, crossfades, captions in "
      "sync with the narration (video), and the narration with music ducked under the voice (audio); plus a "
      "thumbnail. Encode, overlay or stream it downstream in the same pipeline.");
  SceneInputs::declare(spec);
  spec.stream_output("video", "video/x-raw", "the rendered frames, captions drawn (I420, the preset's size and fps)");
  spec.stream_output("audio", "audio/x-raw", "the soundtrack: narration and ducked music (F32LE, 48 kHz stereo)");
  spec.output("thumbnail", types::image, "the sharpest of a few scene frames with the title in large type (JPEG or PNG)");
  spec.output("timeline", kTimelineType, "where each scene and each spoken phrase sits in the video (for subtitles)");
  RenderSettings::declare(spec, RenderSettings::Target::RawStreams);
}

void ComposeStage::stream_caps(const ParamSet& params, StreamCaps& caps) {
  try {
    caps.set("video", video_caps(RenderSettings::from_params(params)));
  } catch (const std::exception&) {
    // Bad params are reported by the stage's own checks; the port keeps its template.
  }
  caps.set("audio", "audio/x-raw,format=F32LE,rate=" + std::to_string(SceneRender::kAudioRate) +
                        ",channels=" + std::to_string(SceneRender::kAudioChannels) + ",layout=interleaved");
}

Status ComposeStage::build(StageContext& ctx, GstElement* bin) {
  try {
    settings_.emplace(RenderSettings::from_params(ctx.params()));
    thumbnail_file_.emplace(ctx.output_dir() / settings_->thumbnail_name);
    // Elements first: a missing one is reported before any decoding work.
    GstElement* video_source = add(bin, "appsrc", "video-source");
    GstElement* audio_source = add(bin, "appsrc", "audio-source");
    GstElement* captions = settings_->captions == CaptionMode::None ? nullptr : add(bin, "textoverlay", "captions");
    // Where finished frames leave the stage. Plain system-memory caps: the captions are
    // burnt in here, not left as a composition meta a downstream element might ignore.
    GstElement* frames_out = add(bin, "capsfilter", "frames-out");
    gst::CapsPtr frames_caps(gst_caps_from_string(video_caps(*settings_).c_str()));
    g_object_set(frames_out, "caps", frames_caps.get(), nullptr);
    if (captions) {
      configure_caption_overlay(captions, *settings_);
      link_burnt_in_captions(bin, video_source, captions, frames_out);
    } else {
      link_chain({video_source, frames_out});
    }
    ghost(bin, frames_out, "video");
    ghost(bin, audio_source, "audio");

    render_ = std::make_unique<SceneRender>(ctx, *settings_);
    render_->attach(video_source, audio_source, captions, /*in_segment=*/true);
    ctx.log(LogLevel::Info, render_->summary());
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error(e.what());
  }
}

Status ComposeStage::finish(StageContext& ctx) {
  if (Status fed = render_->feed_status(); !fed) return fed;
  if (Status complete = render_->completeness(); !complete) return complete;
  try {
    render_->write_thumbnail(thumbnail_file_->temp_path());
    thumbnail_file_->commit();
  } catch (const std::exception& e) {
    return Status::error(std::string("writing the thumbnail failed: ") + e.what());
  }
  ctx.set_output("thumbnail", ImageSet{{thumbnail_file_->destination()}});
  ctx.set_output("timeline", to_record(render_->timeline()));
  return Status::ok();
}

}  // namespace reelflow::compositor
