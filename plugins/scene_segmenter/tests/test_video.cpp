#include "test_video.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/app/gstappsrc.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <cstring>

namespace reelflow::testing {
namespace {

std::vector<std::uint64_t> regular_pts(std::size_t frames, int fps) {
  std::vector<std::uint64_t> pts;
  for (std::size_t i = 0; i <= frames; ++i) pts.push_back(gst_util_uint64_scale(i, GST_SECOND, static_cast<guint64>(fps)));
  return pts;
}

// Plays a gst_parse_launch pipeline to EOS, feeding appsrc `src` (if any) the
// frames; frame i lasts from pts[i] to pts[i + 1].
std::string run_launch_line(const std::string& line, const std::vector<cv::Mat>& frames,
                            const std::vector<std::uint64_t>& pts) {
  if (!gst_is_initialized()) gst_init(nullptr, nullptr);
  GError* raw_error = nullptr;
  gst::ElementPtr pipeline = gst::adopt_floating(gst_parse_launch(line.c_str(), &raw_error));
  gst::ErrorPtr error(raw_error);
  if (!pipeline || error) return "gst_parse_launch: " + std::string(error ? error->message : "failed");
  if (gst_element_set_state(pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    return "cannot start: " + line;

  gst::ElementPtr src(gst_bin_get_by_name(GST_BIN(pipeline.get()), "src"));
  if (src) {
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const cv::Mat& frame = frames[i];
      const std::size_t bytes = frame.total() * frame.elemSize();
      gst::BufferPtr buffer(gst_buffer_new_allocate(nullptr, bytes, nullptr));
      gst_buffer_fill(buffer.get(), 0, frame.data, bytes);
      GST_BUFFER_PTS(buffer.get()) = pts[i];
      GST_BUFFER_DURATION(buffer.get()) = pts[i + 1] - pts[i];
      if (gst_app_src_push_buffer(GST_APP_SRC(src.get()), buffer.release()) != GST_FLOW_OK) break;
    }
    gst_app_src_end_of_stream(GST_APP_SRC(src.get()));
  }

  gst::BusPtr bus(gst_element_get_bus(pipeline.get()));
  gst::MessagePtr message(gst_bus_timed_pop_filtered(bus.get(), 60 * GST_SECOND,
                                                     static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
  std::string result;
  if (!message) {
    result = "timed out: " + line;
  } else if (GST_MESSAGE_TYPE(message.get()) == GST_MESSAGE_ERROR) {
    GError* raw = nullptr;
    gst_message_parse_error(message.get(), &raw, nullptr);
    gst::ErrorPtr e(raw);
    result = std::string("pipeline error: ") + (e ? e->message : "?");
  }
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);
  return result;
}

}  // namespace

std::vector<cv::Mat> render_segments(const std::vector<VideoSegment>& segments, cv::Size size) {
  std::vector<cv::Mat> frames;
  const int side = size.height / 6;
  for (const VideoSegment& segment : segments) {
    for (int i = 0; i < segment.frames; ++i) {
      cv::Mat frame(size, CV_8UC3, segment.background);
      int x = (i * 3) % (size.width - side);
      cv::rectangle(frame, cv::Rect(x, size.height / 2 - side / 2, side, side), segment.square, cv::FILLED);
      frames.push_back(frame);
    }
  }
  return frames;
}

std::string write_mjpeg_avi(const std::filesystem::path& file, const std::vector<cv::Mat>& frames, int fps) {
  cv::VideoWriter writer(file.string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps,
                         frames.front().size());
  if (!writer.isOpened()) return "cv::VideoWriter cannot write MJPEG/AVI to " + file.string();
  for (const cv::Mat& frame : frames) writer.write(frame);
  writer.release();
  return {};
}

std::string write_h264_mp4(const std::filesystem::path& file, const std::vector<cv::Mat>& frames, int fps) {
  const cv::Size size = frames.front().size();
  std::string line = "appsrc name=src format=time caps=video/x-raw,format=BGR,width=" + std::to_string(size.width) +
                     ",height=" + std::to_string(size.height) + ",framerate=" + std::to_string(fps) +
                     "/1 ! videoconvert ! video/x-raw,format=I420 ! x264enc speed-preset=ultrafast bframes=2 key-int-max=50 ! "
                     "h264parse ! mp4mux ! filesink location=\"" +
                     file.string() + "\"";
  return run_launch_line(line, frames, regular_pts(frames.size(), fps));
}

std::string write_mjpeg_mkv(const std::filesystem::path& file, const std::vector<cv::Mat>& frames,
                            const std::vector<std::uint64_t>& pts_ns) {
  if (pts_ns.size() != frames.size() + 1) return "write_mjpeg_mkv needs one timestamp more than frames";
  const cv::Size size = frames.front().size();
  // framerate=0/1: variable; the container keeps each frame's own timestamp.
  std::string line = "appsrc name=src format=time caps=video/x-raw,format=BGR,width=" + std::to_string(size.width) +
                     ",height=" + std::to_string(size.height) +
                     ",framerate=0/1 ! videoconvert ! video/x-raw,format=I420 ! jpegenc quality=95 ! matroskamux ! "
                     "filesink location=\"" + file.string() + "\"";
  return run_launch_line(line, frames, pts_ns);
}

std::string write_audio_only_wav(const std::filesystem::path& file) {
  return run_launch_line("audiotestsrc num-buffers=20 ! audioconvert ! wavenc ! filesink location=\"" + file.string() + "\"",
                         {}, {});
}

}  // namespace reelflow::testing
