#pragma once
// Plays a segment's pipeline and watches its one bus until the segment ends:
// EOS from every sink (a clean end), an error, the stop flag (a cancel, a
// failure elsewhere) or the deadline. On stop and deadline it sends EOS to the
// sources first, so muxers write their index and playlists their end, and drops
// to NULL if EOS has not arrived a second later. A tick callback runs once a
// second on this thread (stats), never on a streaming thread.
#include <reelflow/gst_ptr.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace reelflow::framework {

struct BusError {
  gst::ObjectPtr<GstObject> source;  // the element that posted it
  std::string text;                  // gst_error_text()
};

struct SegmentEnd {
  std::optional<BusError> error;
  bool stopped = false;
  bool timed_out = false;
};

class SegmentBus {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kEosGrace{1000};
  static constexpr std::chrono::milliseconds kTick{1000};

  SegmentBus(GstElement* pipeline, const std::atomic<bool>& stop, std::optional<Clock::time_point> deadline)
      : pipeline_(pipeline), stop_(stop), deadline_(deadline) {}

  SegmentEnd play(const std::function<void()>& tick);

 private:
  GstElement* pipeline_;
  const std::atomic<bool>& stop_;
  std::optional<Clock::time_point> deadline_;
};

}  // namespace reelflow::framework
