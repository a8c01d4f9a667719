#include "hls_ladder_stage.hpp"

#include "av_elements.hpp"
#include "encoded_inputs.hpp"
#include "hls_segmenter.hpp"
#include "rendition.hpp"

#include <reelflow/gst_ptr.hpp>
#include <reelflow_stream/audio_encoder.hpp>
#include <reelflow_stream/video_encoder.hpp>

#include <stdexcept>

namespace reelflow::av_io {
namespace {

encode::EncodeOptions rendition_options(const ParamSet& p, const Rendition& r) {
  encode::EncodeOptions o;
  o.read_tuning(p);
  o.bitrate_kbps = r.bitrate_kbps;
  o.stream_format = "byte-stream";  // MPEG-TS segments
  return o;
}

// Declared peak: the video and audio bitrates plus about 10% MPEG-TS overhead.
std::int64_t declared_bandwidth(const Rendition& r, std::int64_t audio_kbps) {
  return (r.bitrate_kbps + audio_kbps) * 1100;
}

void link_pads(GstElement* from, const char* from_pad, GstElement* to, const char* to_pad) {
  if (!gst_element_link_pads(from, from_pad, to, to_pad))
    throw std::runtime_error(std::string("cannot link ") + GST_ELEMENT_NAME(from) + " to " + GST_ELEMENT_NAME(to) +
                             "." + to_pad);
}

}  // namespace

void HlsLadder::setup(StageSpec& spec) {
  spec.describe("Encodes raw video (and audio) at several sizes and bitrates as an HLS ladder with a master playlist");
  spec.stream_input("video", "video/x-raw", "the frames, scaled and encoded once per rendition");
  spec.stream_input("audio", "audio/x-raw", "the sound, encoded once (AAC) and muxed into every rendition").optional();
  spec.param("audio", true, "whether `audio` is connected (false: video-only renditions)");
  spec.output("playlist", types::file, "<output_dir>/<dir>/index.m3u8: the master playlist, one entry per rendition");
  spec.param("renditions", std::vector<std::string>{"720p@2500", "360p@800"},
             "the ladder, each <height>p@<video kbit/s>; width follows the source's aspect");
  declare_segment_params(spec);
  encode::declare_tuning_params(spec);
  spec.param("audio_bitrate_kbps", 128, "AAC bitrate in kbit/s (one encode shared by every rendition)").range(16, 512);
  spec.not_cacheable();
}

void HlsLadder::check(const CheckContext& context, CheckReport& report) {
  const auto& p = context.params();
  check_encoded_inputs(context, report);
  check_segment_params(p, report);
  std::string error;
  const auto renditions = parse_renditions(p.list("renditions"), error);
  if (!error.empty()) report.error("renditions", error, "a list like [720p@2500, 360p@800]");
  encode::EncodeOptions options;
  options.read_tuning(p);
  encode::check_options(options, [&](const char* param, const std::string& message) { report.error(param, message); });
}

Status HlsLadder::build(StageContext& context, GstElement* bin) {
  const auto& p = context.params();
  std::string error;
  const auto renditions = parse_renditions(p.list("renditions"), error);
  if (!error.empty()) return Status::error("hls_ladder: " + error);
  if (!is_plain_name(p.str("dir"))) return Status::error("hls_ladder: invalid dir " + p.str("dir"));
  const auto folder = context.output_dir() / p.str("dir");
  const bool audio = p.flag("audio");
  const std::int64_t audio_kbps = audio ? p.integer("audio_bitrate_kbps") : 0;

  std::vector<VariantStream> variants;
  for (const auto& r : renditions) {
    VariantStream variant;
    variant.uri = r.name + "/index.m3u8";
    variant.bandwidth = declared_bandwidth(r, audio_kbps);
    variants.push_back(variant);
  }
  master_path_ = playlist_in(folder);
  master_ = std::make_shared<LadderMaster>(master_path_, variants, audio ? "mp4a.40.2" : "");

  GstElement* video_tee = add_element(bin, "tee", "video_tee");
  add_ghost(bin, video_tee, "sink", "video");
  GstElement* audio_tee = nullptr;
  if (audio) {
    encode::EncodeOptions audio_options;
    audio_options.audio_bitrate_kbps = audio_kbps;
    stream::BinBuilder builder(bin);
    const auto chain = encode::add_audio_chain(builder, audio_options);
    audio_tee = builder.add("tee", "audio_tee");
    builder.chain({chain.last, audio_tee});
    builder.ghost(chain.first, "sink", "audio");
    if (!builder.ok()) return Status::error("hls_ladder: " + builder.status().message());
  } else {
    gst_element_add_pad(bin, gst_ghost_pad_new_no_target("audio", GST_PAD_SINK));
  }

  for (std::size_t i = 0; i < renditions.size(); ++i) {
    const auto& r = renditions[i];
    // Each rendition in a bin of its own: the encoder chain's element names repeat.
    // It joins the ladder's bin only once hlssink2 is in it: a GstBin flags itself a
    // sink (whose EOS its parent waits for) when a sink child is added, not later.
    gst::ElementPtr owned_branch = gst::adopt_floating(gst_bin_new(("rendition_" + r.name).c_str()));
    GstElement* branch = owned_branch.get();
    stream::BinBuilder builder(branch);
    GstElement* queue = builder.add("queue", "video_queue");
    GstElement* scale = builder.add("videoscale", "scale");
    GstElement* size = builder.capsfilter("size", "video/x-raw");
    const auto chain = encode::add_video_chain(builder, rendition_options(p, r));
    builder.chain({queue, scale, size, chain.first});
    builder.ghost(queue, "sink", "video");
    if (!builder.ok()) return Status::error("hls_ladder: " + r.name + ": " + builder.status().message());
    gst::PadPtr raw(gst_element_get_static_pad(queue, "sink"));
    fit_width_to_height(raw.get(), size, static_cast<int>(r.height));
    gst::PadPtr encoded(gst_element_get_static_pad(chain.last, "src"));
    watch_first_sps(encoded.get(), master_, i);

    GstElement* hls = add_hls_segmenter(branch, p, folder / r.name);
    variant_playlists_.push_back(playlist_in(folder / r.name));
    link_pads(chain.last, "src", hls, "video");
    GstElement* audio_queue = audio_tee ? add_element(branch, "queue", "audio_queue") : nullptr;
    if (audio_queue) {
      link_pads(audio_queue, "src", hls, "audio");
      add_ghost(branch, audio_queue, "sink", "audio");
    }
    gst_bin_add(GST_BIN(bin), branch);  // the bin takes its own reference
    link_pads(video_tee, "src_%u", branch, "video");
    if (audio_queue) link_pads(audio_tee, "src_%u", branch, "audio");
  }
  context.log(LogLevel::Info, "hls ladder: " + std::to_string(renditions.size()) + " renditions under " + folder.string());
  return Status::ok();
}

Status HlsLadder::finish(StageContext& context) {
  for (const auto& playlist : variant_playlists_)
    if (Status ended = check_playlist_ended("hls_ladder", playlist); !ended) return ended;
  if (!master_ || !master_->written())
    return Status::error("hls_ladder: the master playlist " + master_path_.string() + " was not written" +
                         (master_ && !master_->error().empty() ? ": " + master_->error() : ""));
  context.set_output("playlist", FileRef{master_path_, "application/vnd.apple.mpegurl"});
  return Status::ok();
}

}  // namespace reelflow::av_io
