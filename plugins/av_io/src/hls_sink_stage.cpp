#include "hls_sink_stage.hpp"

#include "av_elements.hpp"
#include "encoded_inputs.hpp"

#include <fstream>
#include <sstream>

namespace reelflow::av_io {

void HlsSink::setup(StageSpec& spec) {
  spec.describe("Writes encoded video (and AAC audio) as an HLS playlist with MPEG-TS segments");
  declare_encoded_inputs(spec, false);
  spec.output("playlist", types::file, "<output_dir>/<dir>/index.m3u8, ended with #EXT-X-ENDLIST");
  spec.param("dir", "live", "folder under the output dir for the playlist and its segments (one component)");
  spec.param("segment_s", 2, "target segment length in seconds (segments cut at keyframes)").range(1, 60);
  spec.param("playlist_length", 0, "segments listed in the playlist; 0: all of them").range(0, 100000);
  spec.param("max_files", 0, "segment files kept on disk; 0: all of them").range(0, 100000);
  spec.trust("dir", ParamTrust::Path);
  spec.not_cacheable();
}

void HlsSink::check(const CheckContext& context, CheckReport& report) {
  check_encoded_inputs(context, report);
  const auto& p = context.params();
  if (!is_plain_name(p.str("dir"))) report.error("dir", "the dir must be one folder name, without '/' or '..'");
  if (p.integer("max_files") > 0 && p.integer("max_files") < p.integer("playlist_length"))
    report.error("max_files", "max_files is smaller than playlist_length: the playlist would list deleted segments");
}

void HlsSink::stream_caps(const ParamSet& params, StreamCaps& caps) { encoded_input_caps(params, caps, false); }

Status HlsSink::build(StageContext& context, GstElement* bin) {
  const auto& p = context.params();
  if (!is_plain_name(p.str("dir"))) return Status::error("hls_sink: invalid dir " + p.str("dir"));
  const auto dir = context.output_dir() / p.str("dir");
  std::filesystem::create_directories(dir);
  playlist_ = dir / "index.m3u8";
  const std::string segments = (dir / "segment%05d.ts").string();
  GstElement* hls = add_element(bin, "hlssink2", "hls");
  g_object_set(hls, "location", segments.c_str(), "playlist-location", playlist_.c_str(), "target-duration",
               static_cast<guint>(p.integer("segment_s")), "playlist-length",
               static_cast<guint>(p.integer("playlist_length")), "max-files", static_cast<guint>(p.integer("max_files")),
               nullptr);
  connect_encoded_inputs(p, bin, hls, "video", "audio");
  return Status::ok();
}

Status HlsSink::finish(StageContext& context) {
  std::ifstream in(playlist_);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().find("#EXT-X-ENDLIST") == std::string::npos)
    return Status::error("hls_sink: " + playlist_.string() + " was not ended (no #EXT-X-ENDLIST)");
  context.set_output("playlist", FileRef{playlist_, "application/vnd.apple.mpegurl"});
  return Status::ok();
}

}  // namespace reelflow::av_io
