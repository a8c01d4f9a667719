#include "clip_player.hpp"

#include "gst_elements.hpp"
#include "mapped_video_frame.hpp"

#include <gst/app/gstappsink.h>

#include <cmath>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

// How often a waiting read looks at the bus for a decoding error.
constexpr GstClockTime kPollInterval = 20 * GST_MSECOND;
// A decoder that produces nothing, reports nothing and never ends for this long is stuck.
constexpr GstClockTime kStallLimit = 30 * GST_SECOND;
// Decoded frames queued ahead of the renderer (3 MB each at 1080x1920).
constexpr guint kFramesAhead = 4;

// decodebin exposes its pads once it knows the streams; link the first video one.
void on_pad_added(GstElement*, GstPad* pad, gpointer convert) {
  gst::CapsPtr caps(gst_pad_get_current_caps(pad));
  if (!caps) caps.reset(gst_pad_query_caps(pad, nullptr));
  const GstStructure* s = caps ? gst_caps_get_structure(caps.get(), 0) : nullptr;
  if (!s || !g_str_has_prefix(gst_structure_get_name(s), "video/")) return;
  gst::PadPtr sink(gst_element_get_static_pad(static_cast<GstElement*>(convert), "sink"));
  if (!gst_pad_is_linked(sink.get())) gst_pad_link(pad, sink.get());
}

}  // namespace

ClipPlayer::ClipPlayer(std::filesystem::path file, cv::Size frame_size, int fps)
    : file_(std::move(file)), frame_size_(frame_size), fps_(fps), current_(frame_size) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file_, ec))
    throw std::runtime_error("clip '" + file_.string() + "' does not exist");
  start();
  if (!pull_next()) throw std::runtime_error("clip '" + file_.string() + "' has no video frames");
  shown_ = 0;
}

ClipPlayer::~ClipPlayer() { stop(); }

void ClipPlayer::start() {
  pipeline_ = gst::adopt_floating(gst_pipeline_new("clip-player"));
  auto source = make_element("filesrc");
  auto decode = make_element("decodebin");
  convert_ = make_element("videoconvert");
  auto crop = make_element("aspectratiocrop");
  auto scale = make_element("videoscale");
  auto rate = make_element("videorate");
  sink_ = make_element("appsink");
  g_object_set(source.get(), "location", file_.c_str(), nullptr);
  g_object_set(crop.get(), "aspect-ratio", frame_size_.width, frame_size_.height, nullptr);
  // The crop lands on whole pixels, a hair off the frame's shape: stretch that, never add bars.
  g_object_set(scale.get(), "add-borders", FALSE, nullptr);
  gst_video_info_set_format(&info_, GST_VIDEO_FORMAT_I420, static_cast<guint>(frame_size_.width),
                            static_cast<guint>(frame_size_.height));
  info_.fps_n = fps_;
  info_.fps_d = 1;
  // The colours the encoder is told (BT.709, limited range), as the stills are converted.
  gst::CapsPtr caps(gst_caps_new_simple("video/x-raw", "format", G_TYPE_STRING, "I420", "width", G_TYPE_INT,
                                        frame_size_.width, "height", G_TYPE_INT, frame_size_.height, "framerate",
                                        GST_TYPE_FRACTION, fps_, 1, "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                                        "colorimetry", G_TYPE_STRING, "bt709", nullptr));
  // A bounded queue that blocks the decoder (no dropping): it runs only a little ahead.
  g_object_set(sink_.get(), "caps", caps.get(), "sync", FALSE, "max-buffers", kFramesAhead, "drop", FALSE, nullptr);

  add_elements(pipeline_.get(),
               {source.get(), decode.get(), convert_.get(), crop.get(), scale.get(), rate.get(), sink_.get()});
  link_chain({source.get(), decode.get()});  // decode -> convert once decodebin has found the video
  link_chain({convert_.get(), crop.get(), scale.get(), rate.get(), sink_.get()});
  // convert_ outlives the pipeline's streaming threads: stop() ends them first.
  g_signal_connect(decode.get(), "pad-added", G_CALLBACK(on_pad_added), convert_.get());
  bus_.reset(gst_element_get_bus(pipeline_.get()));
  gst_element_set_state(pipeline_.get(), GST_STATE_PLAYING);  // a failure shows up on the bus
  played_ = 0;
}

void ClipPlayer::stop() {
  if (pipeline_) gst_element_set_state(pipeline_.get(), GST_STATE_NULL);
}

bool ClipPlayer::pull_next() {
  GstClockTime waited = 0;
  for (;;) {
    gst::SamplePtr sample(gst_app_sink_try_pull_sample(GST_APP_SINK(sink_.get()), kPollInterval));
    if (sample) {
      GstBuffer* buffer = gst_sample_get_buffer(sample.get());
      if (!buffer) throw std::runtime_error("cannot read a decoded frame of clip '" + file_.string() + "'");
      MappedVideoFrame frame(info_, buffer, GST_MAP_READ);
      I420View planes = frame.view();
      planes.y.copyTo(current_.y);
      planes.u.copyTo(current_.u);
      planes.v.copyTo(current_.v);
      ++played_;
      return true;
    }
    throw_if_bus_error(bus_.get(), "cannot decode clip '" + file_.string() + "'");
    if (gst_app_sink_is_eos(GST_APP_SINK(sink_.get()))) return false;
    waited += kPollInterval;
    if (waited >= kStallLimit) throw std::runtime_error("decoding clip '" + file_.string() + "' stalled");
  }
}

void ClipPlayer::draw(double t, I420View& out) {
  const auto wanted = static_cast<std::int64_t>(std::floor(std::max(0.0, t) * fps_ + 1e-6));
  while (shown_ < wanted) {
    if (!pull_next()) {
      // The end of a pass: its length is known, and the clip starts over.
      if (loop_frames_ == 0) loop_frames_ = played_;
      stop();
      start();
      if (!pull_next()) throw std::runtime_error("clip '" + file_.string() + "' has no video frames");
    }
    ++shown_;
  }
  current_.y.copyTo(out.y);
  current_.u.copyTo(out.u);
  current_.v.copyTo(out.v);
}

}  // namespace reelflow::compositor
