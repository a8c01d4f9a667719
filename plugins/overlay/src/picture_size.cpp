#include "picture_size.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/pbutils/pbutils.h>

#include <system_error>

namespace reelflow::overlay {

std::optional<PictureSize> picture_size(const std::filesystem::path& file, std::string& error) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    error = "image file '" + file.string() + "' does not exist";
    return std::nullopt;
  }
  gst_init_check(nullptr, nullptr, nullptr);  // idempotent: check hooks may run before the runtime's
  gst::ErrorPtr err;
  GError* raw = nullptr;
  gst::ObjectPtr<GstDiscoverer> discoverer(gst_discoverer_new(10 * GST_SECOND, &raw));
  err.reset(raw);
  const auto absolute = std::filesystem::absolute(file, ec);
  gst::CharPtr uri(gst_filename_to_uri(absolute.c_str(), nullptr));
  gst::ObjectPtr<GstDiscovererInfo> info(discoverer && uri ? gst_discoverer_discover_uri(discoverer.get(), uri.get(), &raw) : nullptr);
  err.reset(raw);
  GList* videos = info ? gst_discoverer_info_get_video_streams(info.get()) : nullptr;
  std::optional<PictureSize> size;
  if (videos) {
    auto* video = GST_DISCOVERER_VIDEO_INFO(videos->data);
    size = PictureSize{static_cast<int>(gst_discoverer_video_info_get_width(video)),
                       static_cast<int>(gst_discoverer_video_info_get_height(video))};
    gst_discoverer_stream_info_list_free(videos);
  }
  if (!size || size->width <= 0 || size->height <= 0) {
    error = "image file '" + file.string() + "' is not a picture GStreamer can read" +
            (err ? std::string(" (") + err->message + ")" : std::string());
    return std::nullopt;
  }
  return size;
}

}  // namespace reelflow::overlay
