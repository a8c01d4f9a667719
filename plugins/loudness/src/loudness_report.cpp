#include "loudness_report.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace reelflow::loudness {
namespace {

nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace

const char* const kReportSchema = R"({"type":"object",
 "required":["integrated_lufs","range_lu","true_peak_dbtp","duration_s"],
 "properties":{"integrated_lufs":{"type":["number","null"]},"range_lu":{"type":["number","null"]},
  "true_peak_dbtp":{"type":["number","null"]},"duration_s":{"type":"number"},"gain_db":{"type":["number","null"]}}})";

const char* const kLevelsSchema = R"({"type":"object","required":["t","momentary_lufs","shortterm_lufs"]})";

Record report_record(const Levels& out, double gain_db) {
  const nlohmann::json j = {{"integrated_lufs", number(out.integrated_lufs)},
                            {"range_lu", number(out.range_lu)},
                            {"true_peak_dbtp", number(out.true_peak_dbtp)},
                            {"duration_s", out.seconds},
                            {"gain_db", number(gain_db)}};
  return Record{kReportType, j.dump()};
}

Record levels_record(const Levels& out, double gain_db) {
  const nlohmann::json j = {{"t", out.seconds},
                            {"momentary_lufs", number(out.momentary_lufs)},
                            {"shortterm_lufs", number(out.shortterm_lufs)},
                            {"true_peak_dbtp", number(out.true_peak_dbtp)},
                            {"gain_db", number(gain_db)}};
  return Record{kLevelsType, j.dump()};
}

}  // namespace reelflow::loudness
