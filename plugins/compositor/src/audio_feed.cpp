#include "audio_feed.hpp"

#include "gst_elements.hpp"

#include <algorithm>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

// A buffer mapped for writing, unmapped on every path out.
class WritableMap {
 public:
  explicit WritableMap(GstBuffer* buffer) : buffer_(buffer) {
    if (!gst_buffer_map(buffer_, &map_, GST_MAP_WRITE)) throw std::runtime_error("cannot map an audio buffer");
  }
  ~WritableMap() { gst_buffer_unmap(buffer_, &map_); }
  WritableMap(const WritableMap&) = delete;
  WritableMap& operator=(const WritableMap&) = delete;
  float* floats() { return reinterpret_cast<float*>(map_.data); }

 private:
  GstBuffer* buffer_;
  GstMapInfo map_{};
};

}  // namespace

AudioFeed::AudioFeed(StageContext& ctx, SoundtrackMixer& mixer, int rate, int channels)
    : ctx_(ctx),
      mixer_(mixer),
      rate_(rate),
      channels_(channels),
      caps_(gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "F32LE", "layout", G_TYPE_STRING,
                                "interleaved", "rate", G_TYPE_INT, rate, "channels", G_TYPE_INT, channels,
                                "channel-mask", GST_TYPE_BITMASK, channels == 2 ? guint64{0x3} : guint64{0},
                                nullptr)) {}

void AudioFeed::attach(GstElement* appsrc, bool in_segment) {
  in_segment_ = in_segment;
  g_object_set(appsrc, "caps", caps_.get(), "format", GST_FORMAT_TIME, "is-live", FALSE, nullptr);
  GstAppSrcCallbacks callbacks{};
  callbacks.need_data = &AudioFeed::on_need_data;
  gst_app_src_set_callbacks(GST_APP_SRC(appsrc), &callbacks, this, nullptr);
}

void AudioFeed::on_need_data(GstAppSrc* src, guint, gpointer self) {
  auto* feed = static_cast<AudioFeed*>(self);
  try {
    feed->push_next(src);
  } catch (const std::exception& e) {
    if (feed->error_.empty()) feed->error_ = e.what();
    post_error(GST_ELEMENT(src), std::string("soundtrack mixing failed: ") + e.what());
  }
}

void AudioFeed::push_next(GstAppSrc* src) {
  if (mixer_.finished()) {
    gst_app_src_end_of_stream(src);
    return;
  }
  if (ctx_.cancelled()) {
    if (!in_segment_) post_error(GST_ELEMENT(src), "cancelled");
    return;
  }
  const std::size_t first = mixer_.position();
  const std::size_t n = std::min(kChunkFrames, mixer_.total_frames() - first);
  const std::size_t bytes = n * static_cast<std::size_t>(channels_) * sizeof(float);
  gst::BufferPtr buffer(gst_buffer_new_allocate(nullptr, bytes, nullptr));
  if (!buffer) throw std::runtime_error("no audio buffer available");
  {
    WritableMap map(buffer.get());
    mixer_.mix_next(map.floats(), n);
  }

  const auto pts = gst_util_uint64_scale(first, GST_SECOND, static_cast<guint64>(rate_));
  const auto end = gst_util_uint64_scale(first + n, GST_SECOND, static_cast<guint64>(rate_));
  GST_BUFFER_PTS(buffer.get()) = pts;
  GST_BUFFER_DURATION(buffer.get()) = end - pts;
  GST_BUFFER_OFFSET(buffer.get()) = first;
  GST_BUFFER_OFFSET_END(buffer.get()) = first + n;
  gst_app_src_push_buffer(src, buffer.release());  // takes ownership
}

}  // namespace reelflow::compositor
