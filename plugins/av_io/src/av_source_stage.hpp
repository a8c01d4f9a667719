#pragma once
// av_source: a test pattern, a file or a network stream as two raw streams,
// `video` and `audio`, normalised to the fixed caps its params declare.
#include "duration_limit.hpp"
#include "network_receiver.hpp"

#include <reelflow/gst_ptr.hpp>
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <memory>
#include <string>
#include <vector>

namespace reelflow::av_io {

class AvSource final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  static void stream_caps(const ParamSet& params, StreamCaps& caps);
  Status build(StageContext& context, GstElement* bin) override;

 private:
  // The chains that normalise what comes in; their first elements take the source's pads.
  void build_outputs(const ParamSet& params, GstElement* bin, bool pace);
  Status build_file(const ParamSet& params, GstElement* bin);
  void build_network(const ParamSet& params, GstElement* bin, const std::string& url);
  void build_test(const ParamSet& params, GstElement* bin);
  GstElement* add_silence(const ParamSet& params, GstElement* bin, bool live);
  static void on_decoded_pad(GstElement* decoder, GstPad* pad, gpointer self);
  static void on_no_more_pads(GstElement* decoder, gpointer self);
  static GstPadProbeReturn on_video_eos(GstPad* pad, GstPadProbeInfo* info, gpointer silence);

  std::string source_;
  GstElement* video_in_ = nullptr;  // first element of the video chain
  GstElement* audio_in_ = nullptr;  // first element of the audio chain (null: silence feeds it)
  GstElement* decoder_ = nullptr;
  std::vector<std::unique_ptr<DurationLimit>> limits_;
  gst::ElementPtr silence_;
  std::unique_ptr<NetworkReceiver> receiver_;
};

}  // namespace reelflow::av_io
