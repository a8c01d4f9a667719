#pragma once
// Frames for shot tests, built in memory: textured shots that move, blends
// between them (crossfades, fades through black) and a pan with a zoom.
#include <opencv2/core.hpp>

#include <vector>

namespace reelflow::testing {

// Smooth random detail in a tint, `size` large; seed picks the detail.
cv::Mat texture(cv::Size size, int seed, cv::Scalar tint);
// `frames` views of `world`, `size` large, moving `step` px right per frame (a camera pan).
std::vector<cv::Mat> panning(const cv::Mat& world, cv::Size size, int frames, int step);
// The same view zoomed in by `zoom_per_frame` (e.g. 0.003) per frame while it pans.
std::vector<cv::Mat> pan_and_zoom(const cv::Mat& world, cv::Size size, int frames, int step, double zoom_per_frame);
// Appends a blend of two equally long runs of frames, the outgoing shot's and the
// incoming one's as they go on moving: frame i is from[i] and to[i] mixed with
// alpha (i + 1) / (n + 1), so neither pure shot is part of it.
void crossfade(std::vector<cv::Mat>& out, const std::vector<cv::Mat>& from, const std::vector<cv::Mat>& to);
// Appends copies of `frame`.
void hold(std::vector<cv::Mat>& out, const cv::Mat& frame, int frames);
// Appends `frames`.
void append(std::vector<cv::Mat>& out, const std::vector<cv::Mat>& frames);

}  // namespace reelflow::testing
