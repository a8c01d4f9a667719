#include "shot_scan.hpp"

namespace reelflow::scene_segmenter {

ShotScan::ShotScan(DetectorSettings settings, std::optional<ThumbnailStore> thumbnails)
    : detector_(settings), thumbnails_(std::move(thumbnails)) {}

std::vector<Transition> ShotScan::feed(std::int64_t frame, double time_s, const cv::Mat& analysis) {
  if (frame == 0) starts_.front().second = time_s;
  std::vector<Transition> found = detector_.feed(frame, time_s, analysis);
  for (const Transition& t : found) start_shot(t);
  return found;
}

std::vector<Transition> ShotScan::flush() {
  std::vector<Transition> found = detector_.flush();
  for (const Transition& t : found) start_shot(t);
  return found;
}

void ShotScan::start_shot(const Transition& at) {
  if (thumbnails_) {
    auto [frame_number, image] = sampler_.middle(at.frame);
    if (!image.empty()) thumbnails_->save(static_cast<int>(starts_.size() - 1), image);
  }
  transitions_.push_back(at);
  starts_.emplace_back(at.frame, at.time_s);
  sampler_.start(at.frame);
}

std::vector<Shot> ShotScan::shots(std::int64_t frame_count, double end_s) {
  if (thumbnails_) {
    auto [frame_number, image] = sampler_.middle(frame_count);
    if (!image.empty()) thumbnails_->save(static_cast<int>(starts_.size() - 1), image);
  }
  std::vector<Shot> shots;
  for (std::size_t i = 0; i < starts_.size(); ++i) {
    Shot shot;
    shot.index = static_cast<int>(i);
    shot.start_frame = starts_[i].first;
    shot.start_s = starts_[i].second;
    shot.end_frame = i + 1 < starts_.size() ? starts_[i + 1].first : frame_count;
    shot.end_s = i + 1 < starts_.size() ? starts_[i + 1].second : end_s;
    if (thumbnails_) shot.thumbnail = thumbnails_->final_path(shot.index);
    shots.push_back(std::move(shot));
  }
  if (thumbnails_) thumbnails_->publish();
  return shots;
}

}  // namespace reelflow::scene_segmenter
