#include "run/video_probe.hpp"

#include "run/pipeline_runner.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/pbutils/pbutils.h>

#include <memory>

namespace reelflow::framework {
namespace {

struct DiscovererInfoUnref {
  void operator()(GstDiscovererInfo* p) const { if (p) gst_discoverer_info_unref(p); }
};
struct GObjectUnref {  // the discoverer is a GObject, not a GstObject
  void operator()(gpointer p) const { if (p) g_object_unref(p); }
};
struct StreamListFree {
  void operator()(GList* p) const { if (p) gst_discoverer_stream_info_list_free(p); }
};

// A probe never waits long on one file: it is on the run's path.
constexpr GstClockTime kProbeTimeout = 10 * GST_SECOND;

}  // namespace

VideoProbe probe_video_file(const std::filesystem::path& file) {
  ensure_gstreamer_initialized();
  VideoProbe probe;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    probe.problem = "no such file";
    return probe;
  }
  GError* raw = nullptr;
  std::unique_ptr<GstDiscoverer, GObjectUnref> discoverer(gst_discoverer_new(kProbeTimeout, &raw));
  gst::ErrorPtr error(raw);
  if (!discoverer) {
    probe.problem = std::string("cannot start GStreamer's discoverer: ") + (error ? error->message : "unknown error");
    return probe;
  }
  gst::CharPtr uri(gst_filename_to_uri(std::filesystem::absolute(file).c_str(), nullptr));
  GError* discover_raw = nullptr;
  std::unique_ptr<GstDiscovererInfo, DiscovererInfoUnref> info(
      gst_discoverer_discover_uri(discoverer.get(), uri.get(), &discover_raw));
  gst::ErrorPtr discover_error(discover_raw);
  if (!info || gst_discoverer_info_get_result(info.get()) != GST_DISCOVERER_OK) {
    probe.problem = discover_error ? discover_error->message : "GStreamer cannot read it";
    return probe;
  }
  std::unique_ptr<GList, StreamListFree> streams(gst_discoverer_info_get_video_streams(info.get()));
  if (!streams) {
    std::unique_ptr<GList, StreamListFree> audio(gst_discoverer_info_get_audio_streams(info.get()));
    probe.problem = audio ? "it has audio but no video stream" : "it has no video stream";
    return probe;
  }
  auto* v = GST_DISCOVERER_VIDEO_INFO(streams->data);
  if (gst_discoverer_video_info_is_image(v)) {
    probe.problem = "it is a still image, not a video";
    return probe;
  }
  VideoFile video{file, static_cast<double>(gst_discoverer_info_get_duration(info.get())) / GST_SECOND,
                  static_cast<int>(gst_discoverer_video_info_get_width(v)),
                  static_cast<int>(gst_discoverer_video_info_get_height(v)), 0.0};
  if (const auto den = gst_discoverer_video_info_get_framerate_denom(v))
    video.fps = static_cast<double>(gst_discoverer_video_info_get_framerate_num(v)) / den;
  probe.video = video;
  return probe;
}

}  // namespace reelflow::framework
