#pragma once
// Fitting the spoken length to a target: after the scenes are spoken, their total
// (plus what the video adds per scene) is compared with target_total_s; when it is
// off by more than the tolerance the speaking speed is changed in proportion and
// the scenes are spoken again, a bounded number of times. The script already
// budgets words at the voice's measured rate (voice_rate), so the change is
// usually a few percent; more than kMinSpeed..kMaxSpeed is refused as a clear error
// rather than a voice that races or drags.
#include <reelflow/param.hpp>

#include <string>

namespace reelflow::tts {

inline constexpr double kMinSpeed = 0.8;
inline constexpr double kMaxSpeed = 1.25;
inline constexpr int kMaxFitRounds = 4;

struct LengthGoal {
  double target_s = 0.0;       // 0: no fitting, speak at the configured speed
  double tolerance = 0.02;     // relative
  double scene_extra_s = 0.0;  // what the video adds to each scene beyond its clip
};

// What one round spoke: the part that scales with the speed, and the part that does not.
struct SpokenLength {
  double speech_s = 0.0;  // the speech in all clips
  double fixed_s = 0.0;   // gaps, silent scenes and scene_extra_s
  double total_s() const { return speech_s + fixed_s; }
};

struct FitDecision {
  enum class Kind { Fits, Retry, CannotFit } kind = Kind::Fits;
  double speed = 1.0;   // Retry: the speed of the next round
  std::string message;  // CannotFit: why, one line
};

LengthGoal length_goal(const ParamSet& params);

// `speed` is the speed that gave `spoken`; `previous` what the round before spoke
// (total 0 in the first round), to tell a provider that ignores the speed.
FitDecision decide_speed(const LengthGoal& goal, const SpokenLength& spoken, const SpokenLength& previous,
                         double speed, int round);

}  // namespace reelflow::tts
