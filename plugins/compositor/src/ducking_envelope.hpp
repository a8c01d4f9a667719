#pragma once
// The background music's gain over time: bed_db everywhere, duck_db lower while
// the voice speaks (with short ramps so it never pumps), faded in at the start
// and out at the end.
#include "voice_activity.hpp"

#include <vector>

namespace reelflow::compositor {

class DuckingEnvelope {
 public:
  static constexpr double kAttackS = 0.2;   // ducking is complete when the voice starts
  static constexpr double kReleaseS = 0.4;  // and lifts after it ends
  // Pauses shorter than this (between words, most between sentences) stay ducked
  // rather than letting the music swell briefly; longer ones let it come up.
  static constexpr double kBridgeS = 0.6;

  // `bed_db`: the music's gain where nobody speaks (SceneRender sets it from loudness).
  DuckingEnvelope(std::vector<VoiceSpan> voice, double bed_db, double duck_db, double fade_s, double total_s);

  // Linear gain at time t.
  double gain_at(double t) const;
  // 0 (no ducking) .. 1 (fully ducked) at time t.
  double duck_amount_at(double t) const;

  const std::vector<VoiceSpan>& spans() const { return spans_; }

 private:
  std::vector<VoiceSpan> spans_;  // merged, sorted
  double bed_db_;
  double duck_db_;
  double fade_s_;
  double total_s_;
};

}  // namespace reelflow::compositor
