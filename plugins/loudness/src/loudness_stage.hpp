#pragma once
// `loudness`: measures a stream's EBU R128 loudness (libebur128, fed by pad probes)
// and, in normalize mode, drives a `volume` element toward a target loudness
// under a true-peak ceiling (gain_control.hpp). Emits levels every N seconds of
// stream, and sets a `loudness_report` of its output at EOS.
#include "gain_control.hpp"
#include <reelflow_loudness/meter.hpp>

#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <gst/gst.h>

#include <atomic>
#include <optional>

namespace reelflow::loudness {

class Loudness final : public StreamStage {
 public:
  static void setup(StageSpec& spec);
  static void stream_caps(const ParamSet& params, StreamCaps& caps);
  static void check(const CheckContext& context, CheckReport& report);
  Status build(StageContext& context, GstElement* bin) override;
  Status finish(StageContext& context) override;

 private:
  static GstPadProbeReturn on_input(GstPad*, GstPadProbeInfo* info, gpointer self);
  static GstPadProbeReturn on_output(GstPad*, GstPadProbeInfo* info, gpointer self);
  double gain_db() const;

  StageContext* context_ = nullptr;
  Meter input_;   // normalize: what comes in, drives the gain
  Meter output_;  // what goes out: levels and the report
  std::optional<GainControl> gain_;
  GstElement* volume_ = nullptr;
  std::atomic<double> gain_db_{0};
  double emit_every_s_ = 0;
  double next_emit_s_ = 0;  // streaming thread only
};

}  // namespace reelflow::loudness
