#pragma once
// One EBU R128 meter (libebur128) over interleaved float samples. Histogram mode:
// memory is fixed once configured, so feeding it from a streaming thread never
// allocates. Thread-safe (fed on the streaming thread, read at EOS).
#include <ebur128.h>

#include <cstddef>
#include <mutex>

namespace reelflow::loudness {

struct Levels {
  double momentary_lufs = 0;  // -inf: silence (as libebur128 says)
  double shortterm_lufs = 0;
  double integrated_lufs = 0;
  double range_lu = 0;
  double true_peak_dbtp = 0;       // the highest since the start, over all channels
  double last_true_peak_dbtp = 0;  // of the last block fed
  double seconds = 0;              // audio fed so far
};

// What a meter works out. True peak (4x oversampling) and loudness range cost about
// four times integrated loudness alone; a mix level needs only the latter.
enum class Measures { All, IntegratedOnly };

class Meter {
 public:
  Meter() = default;
  ~Meter();
  Meter(const Meter&) = delete;
  Meter& operator=(const Meter&) = delete;

  // (Re)starts the meter for this layout; allocates (on caps, not per buffer). With
  // IntegratedOnly, levels() leaves short-term loudness, range and true peaks at 0.
  bool configure(unsigned channels, unsigned long rate, Measures measures = Measures::All);
  // Interleaved samples (all channels); the seconds of audio they held.
  double add(const float* interleaved, std::size_t samples);
  Levels levels() const;
  bool configured() const;

 private:
  mutable std::mutex mutex_;
  ebur128_state* state_ = nullptr;
  unsigned channels_ = 0;
  unsigned long rate_ = 0;
  Measures measures_ = Measures::All;
  std::size_t frames_ = 0;
};

double to_db(double linear);  // -inf for 0

}  // namespace reelflow::loudness
