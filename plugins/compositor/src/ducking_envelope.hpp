#pragma once
// The background music's gain over time: music_db everywhere, duck_db lower while
// the voice speaks (with short ramps so it never pumps), faded in at the start
// and out at the end.
#include <vector>

namespace reelflow::compositor {

struct VoiceSpan {
  double start_s = 0.0;
  double end_s = 0.0;
};

class DuckingEnvelope {
 public:
  static constexpr double kAttackS = 0.2;   // ducking is complete when the voice starts
  static constexpr double kReleaseS = 0.4;  // and lifts after it ends
  // Pauses shorter than this stay ducked rather than letting the music swell briefly.
  static constexpr double kBridgeS = 0.8;

  DuckingEnvelope(std::vector<VoiceSpan> voice, double music_db, double duck_db, double fade_s, double total_s);

  // Linear gain at time t.
  double gain_at(double t) const;
  // 0 (no ducking) .. 1 (fully ducked) at time t.
  double duck_amount_at(double t) const;

  const std::vector<VoiceSpan>& spans() const { return spans_; }

 private:
  std::vector<VoiceSpan> spans_;  // merged, sorted
  double music_db_;
  double duck_db_;
  double fade_s_;
  double total_s_;
};

}  // namespace reelflow::compositor
