#pragma once
// Where a narration clip actually speaks: its audio in 10 ms frames, a frame voiced
// when its level is within kRangeDb of the clip's loudest frame and above kFloorDb.
// The music is ducked under these spans rather than under the whole clip, so it
// comes up in the clip's real pauses and in the silence a voice leaves at its ends.
#include <cstddef>
#include <vector>

namespace reelflow::compositor {

struct VoiceSpan {
  double start_s = 0.0;
  double end_s = 0.0;
};

class VoiceActivity {
 public:
  static constexpr double kFrameS = 0.01;
  static constexpr double kRangeDb = 40.0;
  static constexpr double kFloorDb = -60.0;

  VoiceActivity(int rate, int channels);

  // Interleaved frames, in order.
  void add(const float* interleaved, std::size_t frames);
  // The voiced runs, in seconds from the clip's start (adjacent frames joined).
  std::vector<VoiceSpan> spans() const;

 private:
  void close_frame();

  std::size_t frame_length_;
  std::size_t channels_;
  std::vector<float> frame_db_;  // 100 numbers a second of narration
  double sum_squares_ = 0.0;
  std::size_t in_frame_ = 0;
};

}  // namespace reelflow::compositor
