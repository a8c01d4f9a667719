#pragma once
// Stage type `shot_detect_stream`: shot_detect on a stream. Its bin splits the
// incoming video: one branch passes it on unchanged (`out`), the other shrinks
// it to at most a thumbnail's width, converts it to BGR and feeds the shared
// detector from an appsink callback. Each boundary is emitted on `cuts` with its
// buffer timestamp as soon as it is confirmed; at EOS the shot list is set.
#include "shot_scan.hpp"

#include <reelflow/stream_stage.hpp>

#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>


namespace reelflow::scene_segmenter {

class ShotDetectStreamStage final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static Status check(const ParamSet& params);
  Status build(StageContext& context, GstElement* bin) override;
  Status finish(StageContext& context) override;

 private:
  static GstFlowReturn on_sample(GstAppSink* sink, gpointer self);
  static GstPadProbeReturn on_caps(GstPad* pad, GstPadProbeInfo* info, gpointer self);
  void fix_analysis_size(int width, int height);
  // Runs on the analysis branch's streaming thread; "" or why the frame failed.
  std::string analyse(GstSample* sample);

  StageContext* context_ = nullptr;
  GstElement* analysis_caps_ = nullptr;  // owned by the bin
  GstElement* analysis_sink_ = nullptr;  // owned by the bin
  int downscale_ = 0;                    // the param; 0: automatic
  std::atomic<int> detector_width_{0};   // the size the detector sees, from the input's width
  std::atomic<int> detector_height_{0};

  std::mutex mutex_;  // the scan is fed on a streaming thread and read by finish()
  std::unique_ptr<ShotScan> scan_;
  std::int64_t frames_ = 0;
  double last_time_s_ = 0.0;
  double end_s_ = 0.0;
  cv::Mat analysis_;  // reused for the detector's frame
};

}  // namespace reelflow::scene_segmenter
