#include "ladder_probes.hpp"

#include <reelflow/gst_ptr.hpp>

#include <algorithm>
#include <cmath>
#include <exception>

namespace reelflow::av_io {

LadderMaster::LadderMaster(std::filesystem::path path, std::vector<VariantStream> variants, std::string audio_codec)
    : path_(std::move(path)),
      variants_(std::move(variants)),
      known_(variants_.size(), false),
      audio_codec_(std::move(audio_codec)) {}

void LadderMaster::found(std::size_t index, int width, int height, const std::string& video_codec) {
  std::lock_guard lock(mutex_);
  if (written_ || index >= variants_.size()) return;
  auto& v = variants_[index];
  v.width = width;
  v.height = height;
  v.codecs = audio_codec_.empty() ? video_codec : video_codec + "," + audio_codec_;
  known_[index] = true;
  for (bool known : known_)
    if (!known) return;
  try {
    write_master_playlist(path_, variants_);
    written_ = true;
  } catch (const std::exception& e) {
    error_ = e.what();
  }
}

bool LadderMaster::written() const {
  std::lock_guard lock(mutex_);
  return written_;
}

std::string LadderMaster::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

namespace {

struct SizeFit {
  GstElement* filter;  // owned by the bin, which outlives its pads' probes
  int height;
};

GstPadProbeReturn on_raw_caps(GstPad*, GstPadProbeInfo* info, gpointer data) {
  GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
  if (GST_EVENT_TYPE(event) != GST_EVENT_CAPS) return GST_PAD_PROBE_OK;
  const auto* fit = static_cast<SizeFit*>(data);
  GstCaps* caps = nullptr;
  gst_event_parse_caps(event, &caps);
  const GstStructure* s = gst_caps_get_structure(caps, 0);
  int width = 0, height = 0, par_n = 1, par_d = 1;
  if (!gst_structure_get_int(s, "width", &width) || !gst_structure_get_int(s, "height", &height) || height <= 0)
    return GST_PAD_PROBE_OK;
  gst_structure_get_fraction(s, "pixel-aspect-ratio", &par_n, &par_d);
  const double aspect = static_cast<double>(width) * par_n / (static_cast<double>(height) * par_d);
  // 4:2:0 encoders need an even width.
  const int fitted = std::max(2, 2 * static_cast<int>(std::lround(fit->height * aspect / 2)));
  gst::CapsPtr size(gst_caps_new_simple("video/x-raw", "width", G_TYPE_INT, fitted, "height", G_TYPE_INT, fit->height,
                                        "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1, nullptr));
  g_object_set(fit->filter, "caps", size.get(), nullptr);
  return GST_PAD_PROBE_OK;
}

struct SpsWatch {
  std::shared_ptr<LadderMaster> master;
  std::size_t index;
};

GstPadProbeReturn on_encoded_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer data) {
  const auto* watch = static_cast<SpsWatch*>(data);
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  GstMapInfo map;
  if (!gst_buffer_map(buffer, &map, GST_MAP_READ)) return GST_PAD_PROBE_OK;
  const auto profile = find_sps_profile(map.data, map.size);
  gst_buffer_unmap(buffer, &map);
  if (!profile) return GST_PAD_PROBE_OK;
  gst::CapsPtr caps(gst_pad_get_current_caps(pad));
  int width = 0, height = 0;
  if (caps) {
    const GstStructure* s = gst_caps_get_structure(caps.get(), 0);
    gst_structure_get_int(s, "width", &width);
    gst_structure_get_int(s, "height", &height);
  }
  watch->master->found(watch->index, width, height, avc1_codec(*profile));
  return GST_PAD_PROBE_REMOVE;
}

}  // namespace

void fit_width_to_height(GstPad* raw, GstElement* size_filter, int height) {
  gst_pad_add_probe(raw, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_raw_caps, new SizeFit{size_filter, height},
                    [](gpointer data) { delete static_cast<SizeFit*>(data); });
}

void watch_first_sps(GstPad* encoded, std::shared_ptr<LadderMaster> master, std::size_t index) {
  gst_pad_add_probe(encoded, GST_PAD_PROBE_TYPE_BUFFER, on_encoded_buffer, new SpsWatch{std::move(master), index},
                    [](gpointer data) { delete static_cast<SpsWatch*>(data); });
}

}  // namespace reelflow::av_io
