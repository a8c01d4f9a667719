#include "file_sink_stage.hpp"

#include "av_elements.hpp"
#include "encoded_inputs.hpp"

namespace reelflow::av_io {
namespace {

// The container a name asks for: the `container` param, or else the name's extension.
std::string container_of(const ParamSet& p) {
  if (p.str("container") != "auto") return p.str("container");
  const std::string ext = std::filesystem::path(p.str("name")).extension().string();
  if (ext == ".mp4" || ext == ".m4v" || ext == ".mov") return "mp4";
  if (ext == ".mkv" || ext == ".webm") return "mkv";
  if (ext == ".ts" || ext == ".m2ts") return "ts";
  return "";
}

}  // namespace

void FileSink::setup(StageSpec& spec) {
  spec.describe("Muxes encoded video (and audio) into an MP4, MKV or MPEG-TS file, complete or not at all");
  declare_encoded_inputs(spec, true);
  spec.output("video", types::video, "the finished file, once the stream ended");
  spec.param("name", "output.mp4", "file name under the output dir (one component)");
  spec.param("container", "auto", "mp4, mkv, ts, or auto: from the name's extension").one_of({"auto", "mp4", "mkv", "ts"});
  spec.trust("name", ParamTrust::Path);
  // Cacheable: a stream stage is cached only with its whole segment, keyed by every
  // member upstream of it, so an MP4 made from a compose segment is restored on a
  // re-run; a segment with a live source never is (av_source is not cacheable).
}

void FileSink::check(const CheckContext& context, CheckReport& report) {
  check_encoded_inputs(context, report);
  const auto& p = context.params();
  if (!is_plain_name(p.str("name"))) report.error("name", "the name must be one file name, without '/' or '..'");
  else if (container_of(p).empty())
    report.error("container", "cannot tell the container from the name '" + p.str("name") + "'", "mp4, mkv or ts");
}

void FileSink::stream_caps(const ParamSet& params, StreamCaps& caps) { encoded_input_caps(params, caps, true); }

Status FileSink::build(StageContext& context, GstElement* bin) {
  const auto& p = context.params();
  const std::string container = container_of(p);
  if (!is_plain_name(p.str("name")) || container.empty()) return Status::error("file_sink: invalid name " + p.str("name"));
  std::filesystem::create_directories(context.output_dir());
  final_path_ = context.output_dir() / p.str("name");
  part_path_ = context.output_dir() / (p.str("name") + ".part");
  GstElement* mux = nullptr;
  if (container == "mp4") {
    mux = add_element(bin, "mp4mux", "mux");
    // The index goes to the front at EOS, so the finished file plays while it downloads.
    g_object_set(mux, "faststart", TRUE, nullptr);
  } else if (container == "mkv") {
    mux = add_element(bin, "matroskamux", "mux");
  } else {
    mux = add_element(bin, "mpegtsmux", "mux");
  }
  const bool ts = container == "ts";
  GstElement* parse = connect_encoded_inputs(p, bin, mux, ts ? "sink_%d" : "video_%u", ts ? "sink_%d" : "audio_%u");
  GstElement* sink = add_element(bin, "filesink", "file");
  g_object_set(sink, "location", part_path_.c_str(), "async", FALSE, nullptr);
  link_chain({mux, sink});
  video_pad_.reset(gst_element_get_static_pad(parse, "src"));
  gst_pad_add_probe(video_pad_.get(), GST_PAD_PROBE_TYPE_BUFFER, &FileSink::on_video, this, nullptr);
  return Status::ok();
}

GstPadProbeReturn FileSink::on_video(GstPad*, GstPadProbeInfo* info, gpointer self_ptr) {
  auto* self = static_cast<FileSink*>(self_ptr);
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  if (!GST_BUFFER_PTS_IS_VALID(buffer)) return GST_PAD_PROBE_OK;
  const GstClockTime pts = GST_BUFFER_PTS(buffer);
  const GstClockTime end = pts + (GST_BUFFER_DURATION_IS_VALID(buffer) ? GST_BUFFER_DURATION(buffer) : 0);
  if (self->first_pts_ == GST_CLOCK_TIME_NONE || pts < self->first_pts_) self->first_pts_ = pts;
  if (end > self->end_pts_) self->end_pts_ = end;
  return GST_PAD_PROBE_OK;
}

Status FileSink::finish(StageContext& context) {
  std::error_code ec;
  std::filesystem::rename(part_path_, final_path_, ec);
  if (ec) return Status::error("file_sink: cannot rename " + part_path_.string() + ": " + ec.message());
  committed_ = true;
  VideoFile video;
  video.path = final_path_;
  if (first_pts_ != GST_CLOCK_TIME_NONE)
    video.duration_s = static_cast<double>(end_pts_ - first_pts_) / GST_SECOND;
  if (gst::CapsPtr caps{gst_pad_get_current_caps(video_pad_.get())}) {
    const GstStructure* s = gst_caps_get_structure(caps.get(), 0);
    gst_structure_get_int(s, "width", &video.width);
    gst_structure_get_int(s, "height", &video.height);
    int num = 0, den = 1;
    if (gst_structure_get_fraction(s, "framerate", &num, &den) && den > 0) video.fps = static_cast<double>(num) / den;
  }
  context.set_output("video", std::move(video));
  return Status::ok();
}

FileSink::~FileSink() {
  // Failed, cancelled or never finished: the part file is not a result.
  if (!committed_ && !part_path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(part_path_, ignored);
  }
}

}  // namespace reelflow::av_io
