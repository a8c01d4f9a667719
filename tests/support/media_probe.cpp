#include "media_probe.hpp"

#include "run/pipeline_runner.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/app/gstappsink.h>
#include <gst/pbutils/pbutils.h>
#include <gst/video/video.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace reelflow::testing {
namespace {

struct DiscovererInfoUnref {
  void operator()(GstDiscovererInfo* p) const { if (p) gst_discoverer_info_unref(p); }
};
struct StreamListFree {
  void operator()(GList* p) const { if (p) gst_discoverer_stream_info_list_free(p); }
};

std::string caps_name(GstDiscovererStreamInfo* info) {
  gst::CapsPtr caps(gst_discoverer_stream_info_get_caps(info));
  if (!caps || gst_caps_get_size(caps.get()) == 0) return {};
  return gst_structure_get_name(gst_caps_get_structure(caps.get(), 0));
}

std::string file_uri(const std::filesystem::path& file, std::string* error) {
  GError* raw = nullptr;
  gst::CharPtr uri(gst_filename_to_uri(std::filesystem::absolute(file).c_str(), &raw));
  gst::ErrorPtr err(raw);
  if (!uri && error) *error = err ? err->message : "bad path";
  return uri ? uri.get() : "";
}

// A decoded RGB sample as packed rows (no stride padding).
std::optional<RgbFrame> rgb_frame_of(GstSample* sample) {
  GstVideoInfo info;
  if (!gst_video_info_from_caps(&info, gst_sample_get_caps(sample))) return std::nullopt;
  GstVideoFrame frame;
  if (!gst_video_frame_map(&frame, &info, gst_sample_get_buffer(sample), GST_MAP_READ)) return std::nullopt;
  RgbFrame out;
  out.width = GST_VIDEO_INFO_WIDTH(&info);
  out.height = GST_VIDEO_INFO_HEIGHT(&info);
  const auto* data = static_cast<const char*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0));
  const int stride = GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0);
  out.pixels.reserve(static_cast<std::size_t>(out.width) * out.height * 3);
  for (int y = 0; y < out.height; ++y) out.pixels.append(data + static_cast<std::ptrdiff_t>(y) * stride, out.width * 3);
  gst_video_frame_unmap(&frame);
  return out;
}

}  // namespace

std::optional<MediaInfo> probe_media(const std::filesystem::path& file, std::string* error) {
  framework::ensure_gstreamer_initialized();
  const std::string uri = file_uri(file, error);
  if (uri.empty()) return std::nullopt;
  GError* raw = nullptr;
  gst::ObjectPtr<GstDiscoverer> discoverer(gst_discoverer_new(30 * GST_SECOND, &raw));
  gst::ErrorPtr err(raw);
  if (!discoverer) {
    if (error) *error = err ? err->message : "no discoverer";
    return std::nullopt;
  }
  std::unique_ptr<GstDiscovererInfo, DiscovererInfoUnref> info(
      gst_discoverer_discover_uri(discoverer.get(), uri.c_str(), &raw));
  err.reset(raw);
  if (!info || gst_discoverer_info_get_result(info.get()) != GST_DISCOVERER_OK) {
    if (error) *error = err ? err->message : "discovery failed";
    return std::nullopt;
  }
  MediaInfo out;
  out.duration_s = static_cast<double>(gst_discoverer_info_get_duration(info.get())) / GST_SECOND;
  gst::ObjectPtr<GstDiscovererStreamInfo> top(gst_discoverer_info_get_stream_info(info.get()));
  if (top) out.container = caps_name(top.get());

  std::unique_ptr<GList, StreamListFree> videos(gst_discoverer_info_get_video_streams(info.get()));
  if (videos) {
    auto* v = GST_DISCOVERER_VIDEO_INFO(videos->data);
    out.has_video = true;
    out.width = static_cast<int>(gst_discoverer_video_info_get_width(v));
    out.height = static_cast<int>(gst_discoverer_video_info_get_height(v));
    const auto den = gst_discoverer_video_info_get_framerate_denom(v);
    out.fps = den ? static_cast<double>(gst_discoverer_video_info_get_framerate_num(v)) / den : 0.0;
    out.video_codec = caps_name(GST_DISCOVERER_STREAM_INFO(v));
  }
  std::unique_ptr<GList, StreamListFree> audios(gst_discoverer_info_get_audio_streams(info.get()));
  if (audios) {
    auto* a = GST_DISCOVERER_AUDIO_INFO(audios->data);
    out.has_audio = true;
    out.audio_rate = static_cast<int>(gst_discoverer_audio_info_get_sample_rate(a));
    out.audio_channels = static_cast<int>(gst_discoverer_audio_info_get_channels(a));
    out.audio_codec = caps_name(GST_DISCOVERER_STREAM_INFO(a));
  }
  return out;
}

std::optional<RgbFrame> decode_frame_at(const std::filesystem::path& file, double time_s) {
  framework::ensure_gstreamer_initialized();
  const std::string uri = file_uri(file, nullptr);
  if (uri.empty()) return std::nullopt;
  const std::string desc = "uridecodebin uri=\"" + uri +
                           "\" ! videoconvert ! video/x-raw,format=RGB ! appsink name=sink sync=false";
  GError* raw = nullptr;
  auto pipeline = gst::adopt_floating(gst_parse_launch(desc.c_str(), &raw));
  gst::ErrorPtr err(raw);
  if (!pipeline || err) return std::nullopt;
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "sink"));
  struct Stop {
    GstElement* p;
    ~Stop() { gst_element_set_state(p, GST_STATE_NULL); }
  } stop{pipeline.get()};

  gst_element_set_state(pipeline.get(), GST_STATE_PAUSED);
  if (gst_element_get_state(pipeline.get(), nullptr, nullptr, 30 * GST_SECOND) == GST_STATE_CHANGE_FAILURE)
    return std::nullopt;
  const auto position = static_cast<gint64>(time_s * GST_SECOND);
  if (!gst_element_seek_simple(pipeline.get(), GST_FORMAT_TIME,
                               static_cast<GstSeekFlags>(GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE), position))
    return std::nullopt;
  gst_element_get_state(pipeline.get(), nullptr, nullptr, 30 * GST_SECOND);
  gst::SamplePtr sample(gst_app_sink_try_pull_preroll(GST_APP_SINK(sink.get()), 30 * GST_SECOND));
  if (!sample) return std::nullopt;

  return rgb_frame_of(sample.get());
}

std::optional<RgbFrame> decode_picture(const std::filesystem::path& file) {
  framework::ensure_gstreamer_initialized();
  GError* raw = nullptr;
  auto pipeline = gst::adopt_floating(gst_parse_launch(
      "filesrc name=src ! decodebin ! videoconvert ! video/x-raw,format=RGB ! appsink name=sink sync=false", &raw));
  gst::ErrorPtr err(raw);
  if (!pipeline || err) return std::nullopt;
  gst::ElementPtr src(gst_bin_get_by_name(GST_BIN(pipeline.get()), "src"));
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "sink"));
  g_object_set(src.get(), "location", file.c_str(), nullptr);
  struct Stop {
    GstElement* p;
    ~Stop() { gst_element_set_state(p, GST_STATE_NULL); }
  } stop{pipeline.get()};
  gst_element_set_state(pipeline.get(), GST_STATE_PAUSED);
  gst::SamplePtr sample(gst_app_sink_try_pull_preroll(GST_APP_SINK(sink.get()), 30 * GST_SECOND));
  return sample ? rgb_frame_of(sample.get()) : std::nullopt;
}

int decoded_video_frames(const std::filesystem::path& file) {
  framework::ensure_gstreamer_initialized();
  GError* raw = nullptr;
  auto pipeline = gst::adopt_floating(
      gst_parse_launch("filesrc name=src ! decodebin ! video/x-raw ! appsink name=sink sync=false", &raw));
  gst::ErrorPtr error(raw);
  if (!pipeline || error) return -1;
  gst::ElementPtr src(gst_bin_get_by_name(GST_BIN(pipeline.get()), "src"));
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "sink"));
  g_object_set(src.get(), "location", file.c_str(), nullptr);
  struct Stop {
    GstElement* p;
    ~Stop() { gst_element_set_state(p, GST_STATE_NULL); }
  } stop{pipeline.get()};
  gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);
  int frames = 0;
  // A timeout instead of a blocking pull: a broken file must fail the test, not hang it.
  while (gst::SamplePtr sample{gst_app_sink_try_pull_sample(GST_APP_SINK(sink.get()), 10 * GST_SECOND)}) ++frames;
  return gst_app_sink_is_eos(GST_APP_SINK(sink.get())) ? frames : -1;
}

std::vector<float> decode_audio_mono(const std::filesystem::path& file, int rate) {
  framework::ensure_gstreamer_initialized();
  GError* raw = nullptr;
  const std::string description = "filesrc name=src ! decodebin ! audioconvert ! audioresample ! "
                                  "audio/x-raw,format=F32LE,rate=" + std::to_string(rate) +
                                  ",channels=1 ! appsink name=sink sync=false";
  auto pipeline = gst::adopt_floating(gst_parse_launch(description.c_str(), &raw));
  gst::ErrorPtr error(raw);
  if (!pipeline || error) throw std::runtime_error("cannot build the audio decoder");
  gst::ElementPtr src(gst_bin_get_by_name(GST_BIN(pipeline.get()), "src"));
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "sink"));
  g_object_set(src.get(), "location", file.c_str(), nullptr);
  gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);
  std::vector<float> samples;
  // A timeout instead of a blocking pull: a broken file must fail the test, not hang it.
  while (gst::SamplePtr sample{gst_app_sink_try_pull_sample(GST_APP_SINK(sink.get()), 10 * GST_SECOND)}) {
    GstBuffer* buffer = gst_sample_get_buffer(sample.get());
    GstMapInfo map;
    if (!gst_buffer_map(buffer, &map, GST_MAP_READ)) continue;
    const auto* f = reinterpret_cast<const float*>(map.data);
    samples.insert(samples.end(), f, f + map.size / sizeof(float));
    gst_buffer_unmap(buffer, &map);
  }
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);
  return samples;
}

double rms_db(const std::vector<float>& mono, double from_s, double to_s, int rate) {
  const auto a = static_cast<std::size_t>(std::max(0.0, from_s) * rate);
  const auto b = std::min(mono.size(), static_cast<std::size_t>(to_s * rate));
  if (b <= a) throw std::invalid_argument("rms_db: empty window");
  double sum = 0.0;
  for (std::size_t i = a; i < b; ++i) sum += static_cast<double>(mono[i]) * mono[i];
  return 10.0 * std::log10(sum / static_cast<double>(b - a) + 1e-20);
}

}  // namespace reelflow::testing
