#pragma once
// Stats of the stages in a playing segment (docs/architecture.md, "Streams"):
// buffer probes on each stage's ghost pads and on the queues before it update
// atomics on the streaming threads (no lock, no allocation, no logging there);
// sample(), called from the segment's bus thread once a second, turns them into
// a StreamStats per stage.
#include "run/event.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <vector>

typedef struct _GstElement GstElement;
typedef struct _GstPad GstPad;

namespace reelflow::framework {

struct PadCounters {
  std::atomic<std::uint64_t> buffers{0};
  std::atomic<std::int64_t> last_pts{-1};  // ns; -1 until a buffer with a PTS passed
};

class StreamStatsProbes {
 public:
  explicit StreamStatsProbes(std::size_t members);
  ~StreamStatsProbes();
  StreamStatsProbes(const StreamStatsProbes&) = delete;
  StreamStatsProbes& operator=(const StreamStatsProbes&) = delete;

  // A ghost pad of member `member`'s bin.
  void watch_pad(std::size_t member, GstPad* pad, bool input);
  // A queue the runtime put before member `member` (on one of its input edges).
  void watch_queue(std::size_t member, GstElement* queue);

  // Since the previous sample (or the first watch).
  StreamStats sample(std::size_t member);

 private:
  struct QueueWatch {
    GstElement* queue = nullptr;  // a reference of ours
    PadCounters in, out;
  };
  struct Member {
    std::deque<PadCounters> inputs, outputs;  // deque: probes hold pointers into it
    std::deque<QueueWatch> queues;
    std::uint64_t buffers_at_last_sample = 0;
    std::chrono::steady_clock::time_point last_sample = std::chrono::steady_clock::now();
  };
  std::vector<Member> members_;
};

}  // namespace reelflow::framework
