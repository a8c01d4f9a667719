#pragma once
// Frames decoded by GStreamer: uridecodebin ! videoconvert ! appsink (BGR).
// The fallback for files OpenCV's FFmpeg backend cannot open; any other stream
// (audio, subtitles) goes to a fakesink so it cannot stall the pipeline.
#include "frame_source.hpp"

#include <reelflow/gst_ptr.hpp>

#include <atomic>

namespace reelflow::scene_segmenter {

class GstFrameSource : public FrameSource {
 public:
  // Starts decoding and waits for the first frame; nullptr and *error when that fails.
  static std::unique_ptr<GstFrameSource> open(const std::filesystem::path& file, std::string* error);
  ~GstFrameSource() override;
  GstFrameSource(const GstFrameSource&) = delete;
  GstFrameSource& operator=(const GstFrameSource&) = delete;

  bool read(cv::Mat& bgr) override;
  std::string error() const override { return error_; }
  double fps() const override { return fps_; }
  std::int64_t expected_frames() const override { return expected_frames_; }
  std::string decoder_name() const override { return "GStreamer"; }

 private:
  GstFrameSource() = default;
  bool build(const std::filesystem::path& file);
  static void on_pad_added(GstElement* decoder, GstPad* pad, gpointer self);
  static void on_no_more_pads(GstElement* decoder, gpointer self);
  void route_pad(GstPad* pad);
  // The next decoded sample; nullptr at the end of the stream or on error (error_ set).
  gst::SamplePtr pull();
  // The first error message on the bus as "element: message", or empty.
  std::string take_bus_error();

  gst::ElementPtr pipeline_;
  gst::ElementPtr convert_;
  gst::ElementPtr sink_;
  gst::BusPtr bus_;
  std::atomic<bool> any_pad_added_{false};
  std::atomic<bool> video_linked_{false};
  std::atomic<bool> all_pads_added_{false};
  gst::SamplePtr pending_;  // the first frame, pulled by open()
  double fps_ = 0.0;
  std::int64_t expected_frames_ = 0;
  std::string error_;
};

}  // namespace reelflow::scene_segmenter
