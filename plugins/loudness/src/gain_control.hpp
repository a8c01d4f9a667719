#pragma once
// The normalize mode's gain law, per block of audio:
//   wanted = target - integrated loudness of the input so far (once 0.4 s is gated in),
//   clamped to +-max_gain_db; the gain moves toward it with a one-pole smoother,
//   time constant attack_s when going down and release_s when going up; then it is
//   cut at once to ceiling - (this block's input true peak), so the block leaves at
//   or under the ceiling, and recovers from such a cut at the release rate.
// Integrated (not short-term) loudness: the gain settles once and then holds,
// keeping the programme's own dynamics (normalisation, not an AGC).
namespace reelflow::loudness {

struct GainLaw {
  double target_lufs = -16;
  double ceiling_dbtp = -1;
  double max_gain_db = 20;
  double attack_s = 1;
  double release_s = 3;
};

class GainControl {
 public:
  explicit GainControl(GainLaw law) : law_(law) {}
  // After a block of `seconds` whose input measured `integrated_lufs` so far (-inf:
  // nothing gated yet) and `block_true_peak_dbtp`: the gain in dB for that block.
  double step(double integrated_lufs, double block_true_peak_dbtp, double seconds);
  double gain_db() const { return gain_db_; }

 private:
  GainLaw law_;
  double gain_db_ = 0;
};

}  // namespace reelflow::loudness
