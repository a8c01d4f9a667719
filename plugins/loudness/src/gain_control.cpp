#include "gain_control.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::loudness {

double GainControl::step(double integrated_lufs, double block_true_peak_dbtp, double seconds) {
  if (std::isfinite(integrated_lufs)) {
    const double wanted = std::clamp(law_.target_lufs - integrated_lufs, -law_.max_gain_db, law_.max_gain_db);
    const double tau = wanted < gain_db_ ? law_.attack_s : law_.release_s;
    gain_db_ += (wanted - gain_db_) * (1.0 - std::exp(-seconds / tau));
  }
  if (std::isfinite(block_true_peak_dbtp)) gain_db_ = std::min(gain_db_, law_.ceiling_dbtp - block_true_peak_dbtp);
  return gain_db_;
}

}  // namespace reelflow::loudness
