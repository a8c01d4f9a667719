#pragma once
// Decoded video frames, one after another, whatever decoder produced them.
#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace reelflow::scene_segmenter {

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // The next frame as 8-bit BGR; false at the end of the stream or on a decode
  // error (then error() says what went wrong).
  virtual bool read(cv::Mat& bgr) = 0;
  virtual std::string error() const { return {}; }

  virtual double fps() const = 0;
  // Frames the stream is expected to hold, for progress; <= 0 when unknown.
  virtual std::int64_t expected_frames() const = 0;
  virtual std::string decoder_name() const = 0;
};

enum class DecoderChoice { Auto, OpenCv, GStreamer };

// Opens `file` with OpenCV's FFmpeg backend, or GStreamer (uridecodebin), or the
// first that works (Auto). nullptr and a one-line *error when none can.
std::unique_ptr<FrameSource> open_frame_source(const std::filesystem::path& file, DecoderChoice choice,
                                               std::string* error);

}  // namespace reelflow::scene_segmenter
