#include "loudness_report.hpp"
#include "loudness_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("loudness", "0.1.0", "EBU R128 loudness: measurement (libebur128) and normalisation") {
  registrar.add_value_type(reelflow::loudness::kReportType,
                           "a stream's EBU R128 loudness: integrated_lufs, range_lu, true_peak_dbtp, duration_s, "
                           "gain_db (normalize's final gain; null when measuring); null: not measurable (silence)",
                           reelflow::loudness::kReportSchema);
  registrar.add_value_type(reelflow::loudness::kLevelsType,
                           "loudness while a stream plays: t (s), momentary_lufs, shortterm_lufs, true_peak_dbtp, gain_db",
                           reelflow::loudness::kLevelsSchema);
  registrar.add<reelflow::loudness::Loudness>("loudness");
}
