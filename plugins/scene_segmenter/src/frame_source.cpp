#include "frame_source.hpp"

#include "gst_frame_source.hpp"
#include "opencv_frame_source.hpp"

namespace reelflow::scene_segmenter {

std::unique_ptr<FrameSource> open_frame_source(const std::filesystem::path& file, DecoderChoice choice,
                                               std::string* error) {
  if (choice != DecoderChoice::GStreamer) {
    if (auto source = OpenCvFrameSource::open(file)) return source;
    if (choice == DecoderChoice::OpenCv) {
      *error = "OpenCV (FFmpeg backend) cannot open it";
      return nullptr;
    }
  }
  // GStreamer explains its failures (missing demuxer, not a media file, no
  // video stream), so its message is the one reported.
  return GstFrameSource::open(file, error);
}

}  // namespace reelflow::scene_segmenter
