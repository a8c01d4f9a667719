#include "length_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reelflow::tts {
namespace {

std::string format(const char* pattern, auto... args) {
  char text[400];
  std::snprintf(text, sizeof text, pattern, args...);
  return text;
}

}  // namespace

LengthGoal length_goal(const ParamSet& params) {
  return LengthGoal{params.number("target_total_s"), params.number("length_tolerance"),
                    params.number("scene_extra_s")};
}

FitDecision decide_speed(const LengthGoal& goal, const SpokenLength& spoken, const SpokenLength& previous,
                         double speed, int round) {
  FitDecision decision;
  if (goal.target_s <= 0.0 || std::abs(spoken.total_s() - goal.target_s) <= goal.tolerance * goal.target_s)
    return decision;

  const std::string off = format("the narration lasts %.1f s at speed %.2fx, target_total_s is %.1f s (+-%.0f%%)",
                                 spoken.total_s(), speed, goal.target_s, goal.tolerance * 100.0);
  decision.kind = FitDecision::Kind::CannotFit;
  const double speech_wanted = goal.target_s - spoken.fixed_s;
  if (speech_wanted <= 0.0 || spoken.speech_s <= 0.0) {
    decision.message = off + "; gaps and silent scenes alone fill it";
    return decision;
  }
  if (round > 0 && previous.total_s() > 0.0 && std::abs(spoken.total_s() - previous.total_s()) < 0.01 * spoken.total_s()) {
    decision.message = off + "; the length did not change with the speed (does the provider or model ignore it?)";
    return decision;
  }
  if (round + 1 >= kMaxFitRounds) {
    decision.message = off + format(" after %d rounds", kMaxFitRounds);
    return decision;
  }
  // Speech time is close to inversely proportional to the speed.
  const double wanted = speed * spoken.speech_s / speech_wanted;
  const double next = std::clamp(wanted, kMinSpeed, kMaxSpeed);
  if (std::abs(next - speed) < 1e-9) {
    decision.message = off + format("; speeds from %.2fx to %.2fx are allowed and the script is too %s for it "
                                    "(give llm_script a voice_rate input, or change scenes or the target)",
                                    kMinSpeed, kMaxSpeed, wanted < kMinSpeed ? "short" : "long");
    return decision;
  }
  decision.kind = FitDecision::Kind::Retry;
  decision.speed = next;
  return decision;
}

}  // namespace reelflow::tts
