#include "audio_feed.hpp"

#include "gst_elements.hpp"

#include <algorithm>

namespace reelflow::compositor {

AudioFeed::AudioFeed(StageContext& ctx, const std::vector<float>& samples, int rate, int channels)
    : ctx_(ctx),
      samples_(samples),
      rate_(rate),
      channels_(channels),
      caps_(gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "F32LE", "layout", G_TYPE_STRING,
                                "interleaved", "rate", G_TYPE_INT, rate, "channels", G_TYPE_INT, channels,
                                "channel-mask", GST_TYPE_BITMASK, channels == 2 ? guint64{0x3} : guint64{0},
                                nullptr)) {}

void AudioFeed::attach(GstElement* appsrc) {
  g_object_set(appsrc, "caps", caps_.get(), "format", GST_FORMAT_TIME, "is-live", FALSE, nullptr);
  GstAppSrcCallbacks callbacks{};
  callbacks.need_data = &AudioFeed::on_need_data;
  gst_app_src_set_callbacks(GST_APP_SRC(appsrc), &callbacks, this, nullptr);
}

void AudioFeed::on_need_data(GstAppSrc* src, guint, gpointer self) { static_cast<AudioFeed*>(self)->push_next(src); }

void AudioFeed::push_next(GstAppSrc* src) {
  const std::size_t total = samples_.size() / static_cast<std::size_t>(channels_);
  if (next_frame_ >= total) {
    gst_app_src_end_of_stream(src);
    return;
  }
  if (ctx_.cancelled()) {
    post_error(GST_ELEMENT(src), "cancelled");
    return;
  }
  const std::size_t n = std::min(kChunkFrames, total - next_frame_);
  const std::size_t bytes = n * static_cast<std::size_t>(channels_) * sizeof(float);
  // Read-only memory wrapping the soundtrack; downstream copies if it must write.
  auto* data = const_cast<float*>(samples_.data() + next_frame_ * static_cast<std::size_t>(channels_));
  GstBuffer* buffer = gst_buffer_new_wrapped_full(GST_MEMORY_FLAG_READONLY, data, bytes, 0, bytes, nullptr, nullptr);
  const auto pts = gst_util_uint64_scale(next_frame_, GST_SECOND, static_cast<guint64>(rate_));
  const auto end = gst_util_uint64_scale(next_frame_ + n, GST_SECOND, static_cast<guint64>(rate_));
  GST_BUFFER_PTS(buffer) = pts;
  GST_BUFFER_DURATION(buffer) = end - pts;
  GST_BUFFER_OFFSET(buffer) = next_frame_;
  GST_BUFFER_OFFSET_END(buffer) = next_frame_ + n;
  next_frame_ += n;
  gst_app_src_push_buffer(src, buffer);  // takes ownership
}

}  // namespace reelflow::compositor
