#pragma once
// The loudness plugin's value types: `loudness_report` (the whole stream, at EOS)
// and `loudness_levels` (emitted while it plays). A level libebur128 cannot give
// (silence: -inf) is JSON null.
#include <reelflow_loudness/meter.hpp>

#include <reelflow/value.hpp>

namespace reelflow::loudness {

inline constexpr const char* kReportType = "loudness_report";
inline constexpr const char* kLevelsType = "loudness_levels";
extern const char* const kReportSchema;
extern const char* const kLevelsSchema;

// {integrated_lufs, range_lu, true_peak_dbtp, duration_s, gain_db (normalize; else null)}
Record report_record(const Levels& output, double gain_db);
// {t, momentary_lufs, shortterm_lufs, true_peak_dbtp, gain_db}
Record levels_record(const Levels& output, double gain_db);

}  // namespace reelflow::loudness
