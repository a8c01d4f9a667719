#include "hls_sink_stage.hpp"

#include "encoded_inputs.hpp"
#include "hls_segmenter.hpp"

namespace reelflow::av_io {

void HlsSink::setup(StageSpec& spec) {
  spec.describe("Writes encoded video (and AAC audio) as an HLS playlist with MPEG-TS segments");
  declare_encoded_inputs(spec, false);
  spec.output("playlist", types::file, "<output_dir>/<dir>/index.m3u8, ended with #EXT-X-ENDLIST");
  declare_segment_params(spec);
  spec.not_cacheable();
}

void HlsSink::check(const CheckContext& context, CheckReport& report) {
  check_encoded_inputs(context, report);
  check_segment_params(context.params(), report);
}

void HlsSink::stream_caps(const ParamSet& params, StreamCaps& caps) { encoded_input_caps(params, caps, false); }

Status HlsSink::build(StageContext& context, GstElement* bin) {
  const auto& p = context.params();
  if (!is_plain_name(p.str("dir"))) return Status::error("hls_sink: invalid dir " + p.str("dir"));
  const auto folder = context.output_dir() / p.str("dir");
  playlist_ = playlist_in(folder);
  GstElement* hls = add_hls_segmenter(bin, p, folder);
  connect_encoded_inputs(p, bin, hls, "video", "audio");
  return Status::ok();
}

Status HlsSink::finish(StageContext& context) {
  if (Status ended = check_playlist_ended("hls_sink", playlist_); !ended) return ended;
  context.set_output("playlist", FileRef{playlist_, "application/vnd.apple.mpegurl"});
  return Status::ok();
}

}  // namespace reelflow::av_io
