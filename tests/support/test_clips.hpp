#pragma once
// Short video clips for tests, made with GStreamer on the spot: a ball moving over a
// background of one colour (so frames differ from frame to frame and scenes from each
// other), H.264 in MP4, with a tone as sound unless asked otherwise.
#include <filesystem>
#include <string>

namespace reelflow::testing {

struct TestClip {
  double seconds = 1.0;
  int width = 160;
  int height = 90;
  int fps = 25;
  unsigned background_rgb = 0x204080;  // 0xRRGGBB
  bool with_audio = true;
};

// Writes `file`; throws std::runtime_error with GStreamer's message when it cannot.
void write_test_clip(const std::filesystem::path& file, const TestClip& clip = {});

}  // namespace reelflow::testing
