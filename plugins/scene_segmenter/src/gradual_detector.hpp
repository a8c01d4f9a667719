#pragma once
// Dissolves and fades by twin comparison (Zhang et al., 1993): a run of frames
// whose frame-to-frame change is at least `min_step` (well below a hard cut) is a
// candidate; when the change falls back below it, the candidate is a gradual
// transition if its first and last frames differ by at least `threshold`. Two
// checks keep motion out: the run must last at most `max_s`, and its change must
// be "straight" — in a blend every pixel moves one way, so first-to-last change
// is close to the sum of the steps, while a pan or a moving object goes back and
// forth. In footage that moves all the time, a step counts only when it also
// stands out from the recent motion (1.3 times the median step outside
// transitions), so steady motion stops opening runs while a blend on top of it
// still does. Scores are mean absolute BGR differences (0-255), where a blend is
// linear (HSV hue is not). A transition from or to a near-black frame is a fade.
#include "transition.hpp"

#include <opencv2/core/mat.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace reelflow::scene_segmenter {

struct GradualSettings {
  double threshold = 20.0;   // first-to-last change that makes a transition
  double min_step = 2.0;     // frame-to-frame change that may be part of one
  double max_s = 2.0;        // longer runs are motion
  double black_level = 16.0; // a frame darker than this (mean BGR) is black
};

class GradualDetector {
 public:
  explicit GradualDetector(GradualSettings settings) : settings_(settings) {}

  // Feeds the next frame; returns a transition that ended at the frame before it.
  std::optional<Transition> feed(std::int64_t frame, double time_s, const cv::Mat& bgr);
  // At the end of the stream: a transition still in progress, if it qualifies.
  std::optional<Transition> flush();
  // Forgets the run in progress (a hard cut just happened at the last frame fed).
  void restart() { drop_candidate(); }

  // The last frame-to-frame change fed (0 for the first frame).
  double last_step() const { return last_step_; }

 private:
  struct Candidate {
    cv::Mat first;                 // the frame before the first step
    std::int64_t first_frame = 0;
    std::vector<double> times;     // of first_frame, first_frame + 1, ...
    std::vector<double> steps;     // into first_frame + 1, first_frame + 2, ...
    double path = 0.0;             // sum of the steps
    bool quiet = false;            // its last step was under the active step
  };
  std::optional<Transition> judge(const Candidate& candidate, const cv::Mat& last) const;
  // The step a frame must reach to be part of a run: min_step, or more in motion.
  double active_step() const;
  void remember_step(double step);
  // Ends the run as motion: its steps join the recent ones.
  void drop_candidate();

  GradualSettings settings_;
  cv::Mat previous_;
  cv::Mat difference_;
  std::int64_t previous_frame_ = -1;
  double previous_time_ = 0.0;
  double last_step_ = 0.0;
  std::optional<Candidate> candidate_;
  std::array<double, 100> recent_{};  // the last steps outside transitions, a ring
  std::size_t recent_count_ = 0;
};

// Mean over the channels of the mean brightness: 0 black, 255 white.
double mean_level(const cv::Mat& bgr);

}  // namespace reelflow::scene_segmenter
