// av_source: a file played at real time when live, duration_s ending an endless
// source, a missing file named, network kinds declared.
#include "av_io_test_support.hpp"
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

namespace reelflow::testing {
namespace {

std::string file_to_count(const std::string& source_params) {
  return R"(stages:
  - id: src
    type: av_source
    params: { width: 320, height: 240, fps: 30, )" + source_params + R"( }
  - id: count
    type: test_stream_sink
    inputs: { in: src.video }
)";
}

// file_source's file into av_source's `file` input, its frames counted.
std::string file_input_graph(const std::filesystem::path& file, const std::string& source_params) {
  return R"(stages:
  - id: made
    type: file_source
    params: { path: ")" + file.string() + R"(" }
  - id: src
    type: av_source
    inputs: { file: made.file }
    params: { )" + source_params + R"( }
  - id: count
    type: test_stream_sink
    inputs: { in: src.video }
)";
}

TEST(AvSource, ALiveFilePlaysAtRealTimeAndAFileNotLiveFaster) {
  TempDir dir;
  const auto file = dir.path() / "in.mp4";
  make_test_file(file, 4);
  const std::string source = "source: \"" + file.string() + "\"";
  // Live first: the one-time costs of a first run (plugins, GStreamer's registry) fall on it, not on the unpaced run.
  auto start = std::chrono::steady_clock::now();
  auto live = run_graph_yaml(file_to_count(source + ", live: true"), dir.path());
  const double live_s = seconds_since(start);
  start = std::chrono::steady_clock::now();
  auto fast = run_graph_yaml(file_to_count(source), dir.path());
  const double fast_s = seconds_since(start);
  ASSERT_TRUE(live.loaded) << live.load_errors;
  ASSERT_EQ(fast.result.outcome, RunOutcome::Succeeded) << fast.result.error;
  ASSERT_EQ(live.result.outcome, RunOutcome::Succeeded) << live.result.error;
  EXPECT_EQ(fast.text_output("count.count"), "120");
  EXPECT_EQ(live.text_output("count.count"), "120");
  // Paced: it cannot end before its 4 s of media have played. Unpaced, the same run
  // (same start-up cost) skips at least half of that wait even on instrumented code.
  EXPECT_GE(live_s, 3.9);
  EXPECT_LT(fast_s, live_s - 2.0) << "not live: " << fast_s << " s, live: " << live_s << " s";
}

TEST(AvSource, DurationEndsAnEndlessLiveSourceByItself) {
  TempDir dir;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: av_source
    params: { source: test, live: true, duration_s: 2, width: 320, height: 240, fps: 25 }
  - id: enc
    type: test_av_encode
    inputs: { raw_video: src.video, raw_audio: src.audio }
  - id: sink
    type: file_sink
    params: { name: two.mkv }
    inputs: { video: enc.video, audio: enc.audio }
)", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  auto info = probe_media(dir.path() / "out" / "two.mkv");
  ASSERT_TRUE(info);
  EXPECT_NEAR(info->duration_s, 2.0, 0.2);
  EXPECT_TRUE(info->has_audio);
  const auto audio = decode_audio_mono(dir.path() / "out" / "two.mkv");
  EXPECT_NEAR(static_cast<double>(audio.size()) / 48000, 2.0, 0.2);
  EXPECT_GT(rms_db(audio, 0.5, 1.5), -30.0);  // the tone, not silence
}

// A value stage's file feeds a stream segment through av_source's `file` input
// (issue 13: streams out of values): every frame of it arrives.
TEST(AvSource, AFileFromAnEarlierStageIsDecodedThroughTheFileInput) {
  TempDir dir;
  const auto file = dir.path() / "in.mp4";
  make_test_file(file, 2);
  auto run = run_graph_yaml(file_input_graph(file, "width: 320, height: 240, fps: 30"), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(run.text_output("count.count"), "60");  // 2 s at 30 fps, not the endless test pattern

  // The input is the source: a `source` beside it is a validation error at that param.
  auto both = run_graph_yaml(file_input_graph(file, "source: \"" + file.string() + "\""), dir.path());
  EXPECT_FALSE(both.loaded);
  EXPECT_NE(both.load_errors.find("parameter 'source' of"), std::string::npos) << both.load_errors;
  EXPECT_NE(both.load_errors.find("the 'file' input is connected"), std::string::npos) << both.load_errors;
  // Only `kind` beside it (one that matches the default source, so this is the only
  // error): it names `kind`, the param that is there.
  auto kind = run_graph_yaml(file_input_graph(file, "kind: test"), dir.path());
  EXPECT_FALSE(kind.loaded);
  EXPECT_NE(kind.load_errors.find("parameter 'kind' of"), std::string::npos) << kind.load_errors;
  EXPECT_NE(kind.load_errors.find("the 'file' input is connected"), std::string::npos) << kind.load_errors;
}

TEST(AvSource, AMissingFileFailsNamingIt) {
  TempDir dir;
  const auto missing = dir.path() / "nowhere.mp4";
  auto run = run_graph_yaml(file_to_count("source: \"" + missing.string() + "\""), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  EXPECT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_NE(run.result.error.find("no such file: " + missing.string()), std::string::npos) << run.result.error;
  EXPECT_EQ(run.result.error.find('\n'), std::string::npos) << run.result.error;
}

TEST(AvSource, AutoKindFollowsTheSourcesSchemeAndADeclaredKindMustMatch) {
  EXPECT_EQ(graph_errors(file_to_count("source: \"rtsp://127.0.0.1:1/x\"")), "");
  EXPECT_EQ(graph_errors(file_to_count("source: \"srt://127.0.0.1:1\", kind: auto")), "");
  const std::string wrong = graph_errors(file_to_count("source: \"srt://127.0.0.1:1\", kind: rtmp"));
  EXPECT_NE(wrong.find("kind 'rtmp' does not match"), std::string::npos) << wrong;
  const std::string not_a_file = graph_errors(file_to_count("source: \"srt://127.0.0.1:1\", kind: file"));
  EXPECT_NE(not_a_file.find("kind 'file' does not match"), std::string::npos) << not_a_file;
  EXPECT_EQ(graph_errors(file_to_count("source: \"srt://127.0.0.1:1\", kind: srt")), "");
}

}  // namespace
}  // namespace reelflow::testing
