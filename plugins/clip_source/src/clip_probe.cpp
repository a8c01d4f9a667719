#include "clip_probe.hpp"

#include <gst/pbutils/pbutils.h>

#include <memory>

namespace reelflow::clip_source {
namespace {

// A local file's header is read in milliseconds; this only bounds a broken one.
constexpr GstClockTime kProbeTimeout = 20 * GST_SECOND;

// The discoverer and its info are plain GObjects, not GstObjects.
struct GObjectUnref {
  void operator()(gpointer p) const { if (p) g_object_unref(p); }
};
template <class T> using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

}  // namespace

Status probe_clip(const std::filesystem::path& file, const std::string& what, ClipFacts& facts) {
  const std::string where = "clip '" + what + "'";
  GError* error = nullptr;
  GObjectPtr<GstDiscoverer> discoverer(gst_discoverer_new(kProbeTimeout, &error));
  if (!discoverer) {
    const std::string message = error ? error->message : "no discoverer";
    g_clear_error(&error);
    return Status::error("cannot check " + where + ": " + message);
  }
  gchar* uri = gst_filename_to_uri(file.c_str(), nullptr);
  GObjectPtr<GstDiscovererInfo> info(gst_discoverer_discover_uri(discoverer.get(), uri, &error));
  g_free(uri);
  const std::string failure = error ? error->message : "";
  g_clear_error(&error);
  if (!info || gst_discoverer_info_get_result(info.get()) != GST_DISCOVERER_OK)
    return Status::error(where + " cannot be decoded" + (failure.empty() ? "" : " (" + failure + ")"));
  GList* videos = gst_discoverer_info_get_video_streams(info.get());
  if (!videos) return Status::error(where + " has no video stream");
  auto* video = GST_DISCOVERER_VIDEO_INFO(videos->data);
  facts.width = static_cast<int>(gst_discoverer_video_info_get_width(video));
  facts.height = static_cast<int>(gst_discoverer_video_info_get_height(video));
  const bool still = gst_discoverer_video_info_is_image(video);
  gst_discoverer_stream_info_list_free(videos);
  facts.duration_s = static_cast<double>(gst_discoverer_info_get_duration(info.get())) / GST_SECOND;
  if (still) return Status::error(where + " is a still picture, not a video");
  if (facts.width <= 0 || facts.height <= 0) return Status::error(where + " has no frame size");
  if (!(facts.duration_s > 0.0)) return Status::error(where + " has no known length");
  return Status::ok();
}

}  // namespace reelflow::clip_source
