#pragma once
// file_sink: muxes H.264 (+ AAC/Opus) into MP4, MKV or MPEG-TS under the output
// dir. It writes `<name>.part` and renames it to `<name>` in finish(), after EOS;
// a run that fails or is cancelled leaves no file (the destructor removes the .part).
#include <reelflow/gst_ptr.hpp>
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <atomic>
#include <filesystem>

namespace reelflow::av_io {

class FileSink final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  static void stream_caps(const ParamSet& params, StreamCaps& caps);
  Status build(StageContext& context, GstElement* bin) override;
  Status finish(StageContext& context) override;
  ~FileSink() override;

 private:
  static GstPadProbeReturn on_video(GstPad* pad, GstPadProbeInfo* info, gpointer self);
  std::filesystem::path final_path_;
  std::filesystem::path part_path_;
  bool committed_ = false;
  gst::PadPtr video_pad_;  // h264parse's src: the stream's size and rate
  std::atomic<GstClockTime> first_pts_{GST_CLOCK_TIME_NONE};
  std::atomic<GstClockTime> end_pts_{0};
};

}  // namespace reelflow::av_io
