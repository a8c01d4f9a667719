#include "shot_detector.hpp"

namespace reelflow::scene_segmenter {

ShotDetector::ShotDetector(DetectorSettings settings)
    : settings_(settings), gradual_(settings.gradual_settings) {}

std::vector<Transition> ShotDetector::feed(std::int64_t frame, double time_s, const cv::Mat& bgr) {
  std::vector<Transition> found;
  if (last_boundary_ < 0) last_boundary_ = frame;
  last_score_ = content_.next(bgr);
  if (settings_.gradual) {
    if (auto gradual = gradual_.feed(frame, time_s, bgr)) accept(*gradual, found);
  }
  // HSV saturation jumps near black (S of (0,0,1) is 255, of (0,0,0) is 0), so
  // the dark end of a fade scores like a cut; a small BGR step there is no cut.
  const double level = mean_level(bgr);
  const double black = settings_.gradual_settings.black_level;
  const bool dark_jitter = settings_.gradual && (level < black || previous_level_ < black) &&
                           gradual_.last_step() < settings_.gradual_settings.threshold;
  previous_level_ = level;
  if (last_score_ >= settings_.threshold && !dark_jitter) {
    gradual_.restart();
    accept(Transition{TransitionKind::Cut, frame, time_s, last_score_, time_s, time_s}, found);
  }
  return found;
}

std::vector<Transition> ShotDetector::flush() {
  std::vector<Transition> found;
  if (settings_.gradual) {
    if (auto gradual = gradual_.flush()) accept(*gradual, found);
  }
  return found;
}

void ShotDetector::accept(const Transition& transition, std::vector<Transition>& out) {
  if (transition.frame - last_boundary_ < settings_.min_scene_len) return;
  last_boundary_ = transition.frame;
  out.push_back(transition);
}

}  // namespace reelflow::scene_segmenter
