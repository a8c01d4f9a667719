#pragma once
// Test videos with known cuts: segments of a solid background with a small
// square moving across it (motion inside a shot that must not count as a cut).
#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::testing {

struct VideoSegment {
  int frames = 0;
  cv::Scalar background;  // BGR
  cv::Scalar square;      // BGR
};

std::vector<cv::Mat> render_segments(const std::vector<VideoSegment>& segments, cv::Size size);

// Motion-JPEG in AVI through cv::VideoWriter; empty string on success, else why not.
std::string write_mjpeg_avi(const std::filesystem::path& file, const std::vector<cv::Mat>& frames, int fps);
// H.264 in MP4 through GStreamer (appsrc ! videoconvert ! x264enc ! mp4mux), as the compositor makes it.
std::string write_h264_mp4(const std::filesystem::path& file, const std::vector<cv::Mat>& frames, int fps);
// Motion-JPEG in Matroska with the given timestamps (ns; one more than frames:
// the last is where the last frame ends), e.g. a variable frame rate.
std::string write_mjpeg_mkv(const std::filesystem::path& file, const std::vector<cv::Mat>& frames,
                            const std::vector<std::uint64_t>& pts_ns);
// A WAV file with a second of tone and no video at all.
std::string write_audio_only_wav(const std::filesystem::path& file);

}  // namespace reelflow::testing
