#include "gst_launch_stage.hpp"

#include "launch_description.hpp"
#include "output_watcher.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/pbutils/pbutils.h>

#include <mutex>

namespace reelflow::gst_launch {
namespace {

struct DiscovererInfoUnref {
  void operator()(GstDiscovererInfo* p) const { if (p) gst_discoverer_info_unref(p); }
};
struct StreamListFree {
  void operator()(GList* p) const { if (p) gst_discoverer_stream_info_list_free(p); }
};
using DiscovererInfoPtr = std::unique_ptr<GstDiscovererInfo, DiscovererInfoUnref>;
using StreamListPtr = std::unique_ptr<GList, StreamListFree>;

struct ParsedPipeline {
  gst::ElementPtr pipeline;
  std::string error;
};

ParsedPipeline parse(const std::string& line) {
  static std::once_flag init;
  std::call_once(init, [] { gst_init(nullptr, nullptr); });
  GError* raw = nullptr;
  gst::ParseContextPtr context(gst_parse_context_new());
  ParsedPipeline out;
  out.pipeline = gst::adopt_floating(
      gst_parse_launch_full(line.c_str(), context.get(), GST_PARSE_FLAG_FATAL_ERRORS, &raw));
  gst::ErrorPtr error(raw);
  if (error) {
    out.error = error->message;
    out.pipeline.reset();
  } else if (!out.pipeline) {
    out.error = "the pipeline fragment did not parse";
  }
  return out;
}

LaunchDescription describe(const ParamSet& params, const Value* input) {
  LaunchDescription d;
  d.fragment = params.str("pipeline");
  d.mux = params.str("mux");
  if (input) {
    if (auto file = file_of(*input)) d.input = file->string();
  } else if (params.flag("decode_input")) {
    d.input = "/dev/null";
  }
  return d;
}

// Width, height, fps and duration of what was written, read back by the discoverer:
// for outputs the watcher could not see (a fragment's own muxer fed by no video).
VideoFile describe_output(const std::filesystem::path& path) {
  VideoFile video{path, 0.0, 0, 0, 0.0};
  GError* raw = nullptr;
  gst::ObjectPtr<GstDiscoverer> discoverer(gst_discoverer_new(10 * GST_SECOND, &raw));
  gst::ErrorPtr error(raw);
  if (!discoverer) return video;
  gst::CharPtr uri(gst_filename_to_uri(path.c_str(), nullptr));
  DiscovererInfoPtr info(gst_discoverer_discover_uri(discoverer.get(), uri.get(), nullptr));
  if (!info) return video;
  video.duration_s = static_cast<double>(gst_discoverer_info_get_duration(info.get())) / GST_SECOND;
  StreamListPtr streams(gst_discoverer_info_get_video_streams(info.get()));
  if (streams) {
    auto* v = GST_DISCOVERER_VIDEO_INFO(streams->data);
    video.width = static_cast<int>(gst_discoverer_video_info_get_width(v));
    video.height = static_cast<int>(gst_discoverer_video_info_get_height(v));
    if (auto den = gst_discoverer_video_info_get_framerate_denom(v))
      video.fps = static_cast<double>(gst_discoverer_video_info_get_framerate_num(v)) / den;
  }
  return video;
}

}  // namespace

void GstLaunchStage::setup(StageSpec& spec) {
  spec.describe("Runs GStreamer elements written in gst-launch syntax, from an input file (or a source element in the fragment) to an output file");
  spec.input("input", types::file, "decoded (decodebin) in front of the fragment; leave out when the fragment starts with a source").optional();
  spec.output("video", types::video, "the file the pipeline wrote");
  spec.required_param("pipeline", ParamType::String,
                      "the fragment, e.g. \"videoconvert ! videoflip video-direction=90r ! x264enc\"");
  spec.param("mux", "mp4", "container added after the fragment (none: the fragment ends in its own muxer).")
      .one_of({"mp4", "mkv", "none"});
  spec.param("output", "gst-launch.mp4", "file name in the output directory");
  spec.param("expected_duration_s", 0.0, "media length, for progress (0: unknown).").range(0, 86400);
  spec.param("decode_input", false, "validate the fragment as if an input file were connected");
  // The fragment may name any element (files, sockets): only the graph file writes it,
  // and a job's variables reach it only as numbers or enums.
  spec.trust("pipeline", ParamTrust::PipelineText).trust("output", ParamTrust::Path).uses_network();
}

void GstLaunchStage::check(const CheckContext& context, CheckReport& report) {
  const ParamSet& params = context.params();
  if (auto problem = check_fragment(params.str("pipeline")); !problem.empty()) return report.error("pipeline", problem);
  auto parsed = parse(to_launch_line(describe(params, nullptr)));
  if (!parsed.pipeline) report.error("pipeline", "pipeline fragment: " + parsed.error);
}

Status GstLaunchStage::process(StageContext& ctx) {
  const auto& params = ctx.params();
  if (auto problem = check_fragment(params.str("pipeline")); !problem.empty()) return Status::error(problem);
  AtomicFile out(ctx.output_dir() / params.str("output"));
  LaunchDescription d = describe(params, ctx.input("input"));
  d.output = out.temp_path().string();
  auto parsed = parse(to_launch_line(d));
  if (!parsed.pipeline) return Status::error("pipeline fragment: " + parsed.error);
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(parsed.pipeline.get()), kSinkName));
  std::optional<OutputWatcher> watcher;
  if (sink) watcher.emplace(sink.get());
  if (Status s = ctx.run_pipeline(parsed.pipeline.get(), params.number("expected_duration_s")); !s) return s;
  out.commit();
  const auto seen = watcher ? watcher->video() : std::nullopt;
  ctx.set_output("video", seen ? VideoFile{out.destination(), seen->duration_s, seen->width, seen->height, seen->fps}
                               : describe_output(out.destination()));
  return Status::ok();
}

}  // namespace reelflow::gst_launch
