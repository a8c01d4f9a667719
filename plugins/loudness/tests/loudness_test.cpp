// loudness in real segments: a 1 kHz sine from test_stream_source, whose EBU R128
// loudness is known analytically (K-weighting is +0.691 dB at 1 kHz and the
// formula subtracts 0.691, so a mono sine of amplitude A is 20*log10(A) - 3.01 LUFS,
// i.e. its RMS in dBFS). Normalised output is written to WAV by test_mux_sink and
// measured here by its RMS, with no libebur128 involved.
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace reelflow::testing {
namespace {

double lufs_of_sine(double amplitude) { return 20 * std::log10(amplitude) - 3.0103; }

// `frames` buffers of 1024 samples at 48 kHz: 47 ≈ 1 s.
std::string sine_graph(double amplitude, int frames, const std::string& loudness_params, bool to_wav) {
  std::string g = "stages:\n  - id: a\n    type: test_stream_source\n    params: { kind: audio, freq: 1000, volume: " +
                  std::to_string(amplitude) + ", frames: " + std::to_string(frames) + " }\n" +
                  "  - id: loud\n    type: loudness\n    params: { " + loudness_params + " }\n    inputs: { in: a.out }\n";
  if (to_wav)
    g += "  - id: sink\n    type: test_mux_sink\n    params: { mux: wav, name: out.wav, video: false, audio: true }\n"
         "    inputs: { audio: loud.out }\n";
  return g;
}

nlohmann::json report_of(const GraphRun& run) {
  auto it = run.result.outputs.find("loud.report");
  if (it == run.result.outputs.end()) return nullptr;
  const auto* record = std::get_if<Record>(&it->second);
  if (!record || record->type != "loudness_report") return nullptr;
  return nlohmann::json::parse(record->json);
}

TEST(Loudness, ASineOfKnownLevelMeasuresItsAnalyticLoudness) {
  for (const double amplitude : {0.5, 0.1}) {
    TempDir dir;
    auto run = run_graph_yaml(sine_graph(amplitude, 235, "", false), dir.path());  // 5 s
    ASSERT_TRUE(run.loaded) << run.load_errors;
    ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
    const auto report = report_of(run);
    ASSERT_TRUE(report.is_object()) << "no loudness_report value for loud.report";
    EXPECT_NEAR(report["integrated_lufs"].get<double>(), lufs_of_sine(amplitude), 0.5) << amplitude;
    EXPECT_NEAR(report["true_peak_dbtp"].get<double>(), 20 * std::log10(amplitude), 0.5) << amplitude;
    EXPECT_LT(report["range_lu"].get<double>(), 1.0);  // a steady tone has no loudness range
    EXPECT_NEAR(report["duration_s"].get<double>(), 235 * 1024 / 48000.0, 0.01);
    EXPECT_TRUE(report["gain_db"].is_null());  // measuring, not normalising
  }
}

TEST(Loudness, NormalizeMovesTheOutputToTheTargetFromAboveAndBelow) {
  for (const double amplitude : {0.5, 0.03}) {  // -9 LUFS and -33.5 LUFS, toward -16
    TempDir dir;
    // Time constants of 1 s: settled (within 1%) after 5 s even for the +17.5 dB boost.
    auto run = run_graph_yaml(
        sine_graph(amplitude, 376, "mode: normalize, target_lufs: -16, attack_s: 1, release_s: 1", true), dir.path());  // 8 s
    ASSERT_TRUE(run.loaded) << run.load_errors;
    ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
    const auto out = decode_audio_mono(run.text_output("sink.file"));
    ASSERT_GT(out.size(), 7u * 48000);
    const double start = rms_db(out, 0.0, 0.3);
    const double settled = rms_db(out, 5.0, 8.0);
    EXPECT_NEAR(start, lufs_of_sine(amplitude), 1.0) << "the gain starts at 0 dB and adapts";
    EXPECT_NEAR(settled, -16.0, 0.5) << amplitude;
  }
}

TEST(Loudness, NormalizeKeepsTheOutputUnderTheTruePeakCeiling) {
  // -9 LUFS toward -3: +6 dB would put the 0.5 sine's peaks at 0 dBFS; the ceiling is -2.
  TempDir dir;
  auto run = run_graph_yaml(sine_graph(0.5, 235, "mode: normalize, target_lufs: -3, ceiling_dbtp: -2", true), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  const auto out = decode_audio_mono(run.text_output("sink.file"));
  ASSERT_FALSE(out.empty());
  float peak = 0;
  for (float s : out) peak = std::max(peak, std::abs(s));
  EXPECT_LE(20 * std::log10(peak), -2.0 + 0.05);
  EXPECT_GT(20 * std::log10(peak), -3.0);  // it did go up to the ceiling
}

TEST(Loudness, LevelsAreEmittedWhileTheStreamPlays) {
  TempDir dir;
  auto run = run_graph_yaml(sine_graph(0.5, 235, "emit_every_s: 1", false), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  const auto levels = run.of_kind(EventKind::StageOutput, "loud");
  ASSERT_EQ(levels.size(), 5u);  // at 1, 2, 3, 4 and 5 s of the 5.01 s stream
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto j = nlohmann::json::parse(levels[i].value_json);
    EXPECT_EQ(j.value("type", ""), "loudness_levels");
    const auto& v = j["value"];
    EXPECT_NEAR(v["t"].get<double>(), static_cast<double>(i + 1), 0.03) << levels[i].value_json;
    EXPECT_NEAR(v["momentary_lufs"].get<double>(), lufs_of_sine(0.5), 0.5) << levels[i].value_json;
  }
  // Each arrived before the stage finished.
  std::size_t last = 0, finished = 0;
  for (std::size_t i = 0; i < run.events.size(); ++i) {
    if (run.events[i].kind == EventKind::StageOutput && run.events[i].stage_id == "loud") last = i;
    if (run.events[i].kind == EventKind::StageFinished && run.events[i].stage_id == "loud") finished = i;
  }
  EXPECT_LT(last, finished);
}

TEST(Loudness, ATargetAboveTheCeilingIsAValidationError) {
  const std::string errors = graph_errors(sine_graph(0.5, 10, "mode: normalize, target_lufs: -0.5, ceiling_dbtp: -1", false));
  EXPECT_NE(errors.find("target_lufs"), std::string::npos) << errors;
  EXPECT_NE(errors.find("is above ceiling_dbtp"), std::string::npos) << errors;
}

}  // namespace
}  // namespace reelflow::testing
