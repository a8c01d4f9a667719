#include "gradual_detector.hpp"

#include <opencv2/core.hpp>

#include <algorithm>

namespace reelflow::scene_segmenter {
namespace {

// A blend's first-to-last change is the sum of its steps; allow for rounding,
// compression noise and some motion inside the shots.
constexpr double kMinStraightness = 0.6;
// A run carried by one step is a cut the hard-cut score declined (or a cut with
// motion around it), not a gradual transition.
constexpr std::size_t kMinSteps = 2;
constexpr double kMaxStepShare = 0.5;
// A step this many times the median of the recent ones stands out from motion.
constexpr double kAboveMotion = 1.3;
// Steps seen before any run may open, so that a stream that moves from its first
// frame is known to move (a run opened then would last until max_s and swallow
// whatever transition came within it).
constexpr std::size_t kWarmupSteps = 5;

double mean_abs_difference(const cv::Mat& a, const cv::Mat& b, cv::Mat& scratch) {
  cv::absdiff(a, b, scratch);
  const cv::Scalar m = cv::mean(scratch);
  return (m[0] + m[1] + m[2]) / 3.0;
}

}  // namespace

double mean_level(const cv::Mat& bgr) {
  const cv::Scalar m = cv::mean(bgr);
  return (m[0] + m[1] + m[2]) / 3.0;
}

std::optional<Transition> GradualDetector::feed(std::int64_t frame, double time_s, const cv::Mat& bgr) {
  std::optional<Transition> found;
  if (previous_.empty() || previous_.size() != bgr.size()) {
    drop_candidate();  // first frame, or the stream changed size: nothing to compare
    last_step_ = 0.0;
  } else {
    last_step_ = mean_abs_difference(previous_, bgr, difference_);
    const bool active = recent_count_ >= kWarmupSteps && last_step_ >= active_step();
    // One quiet step may sit inside a run: compression noise dips a blend's steps.
    if (active || (candidate_ && !candidate_->quiet)) {
      if (!candidate_) candidate_ = Candidate{previous_.clone(), previous_frame_, {previous_time_}, {}, 0.0, false};
      candidate_->quiet = !active;
      candidate_->path += last_step_;
      candidate_->times.push_back(time_s);
      candidate_->steps.push_back(last_step_);
      if (time_s - candidate_->times.front() > settings_.max_s) drop_candidate();
    } else {
      remember_step(last_step_);
      if (candidate_) {
        found = judge(*candidate_, previous_);
        if (found) candidate_.reset();
        else drop_candidate();
      }
    }
  }
  bgr.copyTo(previous_);
  previous_frame_ = frame;
  previous_time_ = time_s;
  return found;
}

void GradualDetector::drop_candidate() {
  if (!candidate_) return;
  for (double step : candidate_->steps) remember_step(step);
  candidate_.reset();
}

double GradualDetector::active_step() const {
  if (recent_count_ == 0) return settings_.min_step;
  auto sorted = recent_;
  const std::size_t n = std::min(recent_count_, sorted.size());
  std::nth_element(sorted.begin(), sorted.begin() + n / 2, sorted.begin() + n);
  return std::max(settings_.min_step, kAboveMotion * sorted[n / 2]);
}

void GradualDetector::remember_step(double step) {
  recent_[recent_count_ % recent_.size()] = step;
  ++recent_count_;
}

std::optional<Transition> GradualDetector::flush() {
  std::optional<Transition> found;
  if (candidate_) found = judge(*candidate_, previous_);
  candidate_.reset();
  return found;
}

std::optional<Transition> GradualDetector::judge(const Candidate& candidate, const cv::Mat& last) const {
  const std::size_t steps = candidate.times.size() - 1;
  if (steps < kMinSteps) return std::nullopt;
  if (*std::max_element(candidate.steps.begin(), candidate.steps.end()) > kMaxStepShare * candidate.path)
    return std::nullopt;
  cv::Mat scratch;
  const double change = mean_abs_difference(candidate.first, last, scratch);
  if (change < settings_.threshold || change < kMinStraightness * candidate.path) return std::nullopt;
  const bool black = mean_level(candidate.first) < settings_.black_level || mean_level(last) < settings_.black_level;
  // The boundary is where half the change has happened, so the small steps of
  // motion that open or close a run do not move it.
  std::size_t middle = 1;
  for (double done = candidate.steps[0]; done < candidate.path / 2 && middle < steps; ++middle)
    done += candidate.steps[middle];
  Transition t;
  t.kind = black ? TransitionKind::Fade : TransitionKind::Dissolve;
  t.frame = candidate.first_frame + static_cast<std::int64_t>(middle);
  t.time_s = candidate.times[middle];
  t.score = change;
  t.start_s = candidate.times.front();
  t.end_s = candidate.times.back();
  return t;
}

}  // namespace reelflow::scene_segmenter
