#pragma once
// A random source whose sequence depends only on its seed, on every platform
// (std::uniform_*_distribution may differ between standard libraries).
#include <cstddef>
#include <cstdint>
#include <random>

namespace reelflow::source_kit {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next() { return engine_(); }

  // Uniform in [lo, hi).
  double uniform(double lo, double hi) {
    const double unit = double(engine_() >> 11) * 0x1.0p-53;
    return lo + (hi - lo) * unit;
  }

  // Uniform in [0, count); count > 0.
  std::size_t below(std::size_t count) { return static_cast<std::size_t>(engine_() % count); }

  bool chance(double probability) { return uniform(0.0, 1.0) < probability; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace reelflow::source_kit
