#include "video_feed.hpp"

#include "gst_elements.hpp"
#include "mapped_video_frame.hpp"

#include <stdexcept>

namespace reelflow::compositor {

VideoFeed::VideoFeed(StageContext& ctx, FrameRenderer& renderer, int fps, std::int64_t frame_count)
    : ctx_(ctx), renderer_(renderer), fps_(fps), frame_count_(frame_count) {
  const cv::Size size = renderer.frame_size();
  gst_video_info_set_format(&info_, GST_VIDEO_FORMAT_I420, static_cast<guint>(size.width),
                            static_cast<guint>(size.height));
  info_.fps_n = fps;
  info_.fps_d = 1;
  gst_video_colorimetry_from_string(&info_.colorimetry, GST_VIDEO_COLORIMETRY_BT709);
  caps_.reset(gst_video_info_to_caps(&info_));

  // A small pool: frames are recycled once the encoder is done with them.
  pool_.reset(gst_video_buffer_pool_new());
  GstStructure* config = gst_buffer_pool_get_config(pool_.get());
  gst_buffer_pool_config_set_params(config, caps_.get(), static_cast<guint>(info_.size), 4, 0);
  if (!gst_buffer_pool_set_config(pool_.get(), config) || !gst_buffer_pool_set_active(pool_.get(), TRUE))
    throw std::runtime_error("cannot set up the video frame buffer pool");
}

VideoFeed::~VideoFeed() { gst_buffer_pool_set_active(pool_.get(), FALSE); }

void VideoFeed::attach(GstElement* appsrc, bool in_segment) {
  in_segment_ = in_segment;
  g_object_set(appsrc, "caps", caps_.get(), "format", GST_FORMAT_TIME, "is-live", FALSE, "max-bytes",
               static_cast<guint64>(info_.size) * 2, nullptr);
  GstAppSrcCallbacks callbacks{};
  callbacks.need_data = &VideoFeed::on_need_data;
  gst_app_src_set_callbacks(GST_APP_SRC(appsrc), &callbacks, this, nullptr);
}

void VideoFeed::on_need_data(GstAppSrc* src, guint, gpointer self) {
  auto* feed = static_cast<VideoFeed*>(self);
  try {
    feed->push_next(src);
  } catch (const std::exception& e) {
    if (feed->error_.empty()) feed->error_ = e.what();
    post_error(GST_ELEMENT(src), std::string("frame rendering failed: ") + e.what());
  }
}

void VideoFeed::push_next(GstAppSrc* src) {
  const std::int64_t k = next_frame_;
  if (k >= frame_count_) {
    gst_app_src_end_of_stream(src);
    return;
  }
  if (ctx_.cancelled()) {
    if (!in_segment_) post_error(GST_ELEMENT(src), "cancelled");
    return;
  }
  GstBuffer* raw = nullptr;
  if (gst_buffer_pool_acquire_buffer(pool_.get(), &raw, nullptr) != GST_FLOW_OK || !raw)
    throw std::runtime_error("no video buffer available");
  gst::BufferPtr buffer(raw);

  {
    MappedVideoFrame frame(info_, buffer.get(), GST_MAP_WRITE);
    I420View out = frame.view();
    renderer_.render(static_cast<double>(k) / fps_, out);
  }

  const auto pts = gst_util_uint64_scale(static_cast<guint64>(k), GST_SECOND, static_cast<guint64>(fps_));
  const auto next = gst_util_uint64_scale(static_cast<guint64>(k + 1), GST_SECOND, static_cast<guint64>(fps_));
  GST_BUFFER_PTS(buffer.get()) = pts;
  GST_BUFFER_DTS(buffer.get()) = pts;
  GST_BUFFER_DURATION(buffer.get()) = next - pts;
  GST_BUFFER_OFFSET(buffer.get()) = static_cast<guint64>(k);
  next_frame_ = k + 1;
  gst_app_src_push_buffer(src, buffer.release());  // takes ownership
  // The context throttles this to a few reports a second.
  if (in_segment_) ctx_.progress(static_cast<double>(k + 1) / static_cast<double>(frame_count_), {});
}

}  // namespace reelflow::compositor
