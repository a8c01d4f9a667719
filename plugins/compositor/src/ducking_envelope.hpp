#pragma once
// The background music's gain over time: bed_db everywhere, duck_db lower while
// the voice speaks (with short ramps so it never pumps), faded in at the start
// and out at the end. At a scene change the music comes up even in a short pause:
// the pause is the one breath a narration read scene by scene has.
#include "scene_timeline.hpp"
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
  // A pause across a scene change of at least this is never bridged: the music is
  // released and ducked again within it, each ramp a third of the pause (at most the
  // ramps above), so it is up for the middle third.
  static constexpr double kSceneBreakS = 0.06;
  // Shorter ramps would click: a 6 dB step in 20 ms is a smooth swell.
  static constexpr double kShortestRampS = kSceneBreakS / 3;

  // `bed_db`: the music's gain where nobody speaks (SceneRender sets it from loudness).
  // `scene_changes_s`: where scenes after the first start (scene_changes()).
  DuckingEnvelope(std::vector<VoiceSpan> voice, double bed_db, double duck_db, double fade_s, double total_s,
                  const std::vector<double>& scene_changes_s = {});

  // The start of every scene but the first: where a narration's pause is a scene change.
  static std::vector<double> scene_changes(const SceneTimeline& timeline);

  // Linear gain at time t.
  double gain_at(double t) const;
  // 0 (no ducking) .. 1 (fully ducked) at time t.
  double duck_amount_at(double t) const;

  const std::vector<VoiceSpan>& spans() const { return spans_; }

 private:
  // How fast the music goes down before a span and comes up after it.
  struct Ramps {
    double attack_s = kAttackS;
    double release_s = kReleaseS;
  };

  std::vector<VoiceSpan> spans_;  // merged, sorted
  std::vector<Ramps> ramps_;      // ramps_[i] for spans_[i]
  double bed_db_;
  double duck_db_;
  double fade_s_;
  double total_s_;
};

}  // namespace reelflow::compositor
