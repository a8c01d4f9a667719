// Cancellation, which the harness cannot trigger: the stage runs in a context whose
// cancelled() turns true after a number of checks, with the runtime's own pipeline
// runner. A cancelled render reports "cancelled" and leaves no files behind; the
// context records how far the stage got, so each case is known to stop in its phase.
// A real failure while a cancel is pending is reported as that failure.
#include "compositor_stage.hpp"
#include "compositor_test_media.hpp"

#include "run/pipeline_runner.hpp"

#include <temp_dir.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::compositor::testing {
namespace {

class NoHttp : public HttpClient {
 public:
  HttpResponse send(const HttpRequest&) override { return {}; }
};

// Cancels on the (checks_before_cancel + 1)-th call to cancelled().
class CancellingContext : public StageContext {
 public:
  CancellingContext(std::map<std::string, Value> inputs, std::filesystem::path dir, int checks_before_cancel)
      : inputs_(std::move(inputs)), work_(dir / "work"), out_(dir / "out"), remaining_(checks_before_cancel) {
    StageSpec spec;
    CompositorStage::setup(spec);
    for (const auto& p : spec.params()) params_.set(p.name, *p.default_value);
    params_.set("width", std::int64_t{180});
    params_.set("height", std::int64_t{320});
    params_.set("fps", std::int64_t{15});
  }

  const std::string& stage_id() const override { return id_; }
  const std::string& stage_type() const override { return id_; }
  const ParamSet& params() const override { return params_; }
  const Value* input(std::string_view port) const override {
    auto it = inputs_.find(std::string(port));
    return it == inputs_.end() ? nullptr : &it->second;
  }
  void set_output(std::string_view, Value) override { ++outputs_set; }
  void emit(std::string_view, Value) override {}
  void log(LogLevel, std::string_view) override {}
  void progress(double, std::string_view message) override {
    std::lock_guard lock(mutex_);
    progress_messages.emplace_back(message);
  }
  bool cancelled() const override { return remaining_.fetch_sub(1) <= 0; }
  const std::filesystem::path& work_dir() const override { return work_; }
  const std::filesystem::path& output_dir() const override { return out_; }
  const std::filesystem::path& cache_dir() const override { return work_; }
  HttpClient& http() override { return http_; }
  RetryPolicy retry_policy() const override { return {}; }
  bool stream_connected(std::string_view) const override { return false; }
  const SceneRedo& redo() const override { return redo_; }
  const Value* previous_output(std::string_view) const override { return nullptr; }
  Status run_pipeline(GstElement* pipeline, double expected_duration_s) override {
    ++pipeline_runs;
    framework::PipelineWatch watch;
    watch.cancelled = [this] { return cancelled(); };
    watch.expected_duration_s = expected_duration_s;
    return framework::run_pipeline(pipeline, watch);
  }

  bool said(const std::string& message) const {
    std::lock_guard lock(mutex_);
    return std::find(progress_messages.begin(), progress_messages.end(), message) != progress_messages.end();
  }

  int outputs_set = 0;
  int pipeline_runs = 0;  // 1 once the render started
  std::vector<std::string> progress_messages;

 private:
  std::string id_ = "compositor";
  ParamSet params_;
  std::map<std::string, Value> inputs_;
  std::filesystem::path work_, out_;
  mutable std::atomic<int> remaining_;
  SceneRedo redo_;
  mutable std::mutex mutex_;
  NoHttp http_;
};

enum class Phase { BeforeDecoding, Preparing, Rendering };

struct CancelCase {
  int checks_before_cancel;
  Phase phase;
};

class CompositorCancelTest : public ::testing::TestWithParam<CancelCase> {};

TEST_P(CompositorCancelTest, StopsInItsPhaseAndLeavesNothingBehind) {
  reelflow::testing::TempDir dir("compositor-cancel");
  const auto in = make_scene_inputs(dir / "in", {{1.0}, {1.0}, {1.0}});
  CancellingContext ctx(in.as_inputs(), dir.path(), GetParam().checks_before_cancel);
  CompositorStage stage;
  const Status status = stage.process(ctx);
  ASSERT_FALSE(status.is_ok());
  EXPECT_EQ(status.message(), "cancelled");
  EXPECT_EQ(ctx.outputs_set, 0);
  const bool empty = !std::filesystem::exists(dir / "out") || std::filesystem::is_empty(dir / "out");
  EXPECT_TRUE(empty) << "a cancelled render leaves no (partial) files";

  // Where it stopped: no narration looked at, all three checked but no render, rendering.
  const Phase phase = GetParam().phase;
  EXPECT_EQ(ctx.said("checking narration 1/3"), phase != Phase::BeforeDecoding)
      << ::testing::PrintToString(ctx.progress_messages);
  EXPECT_EQ(ctx.said("checking narration 3/3"), phase != Phase::BeforeDecoding);
  EXPECT_EQ(ctx.said("preparing the first image"), phase == Phase::Rendering);
  EXPECT_EQ(ctx.pipeline_runs, phase == Phase::Rendering ? 1 : 0);
}

// 0: before anything is decoded; 3: while preparing (after the three narration checks);
// 20: in the middle of rendering (the feeds check once per frame / audio chunk).
INSTANTIATE_TEST_SUITE_P(CompositorAtEveryPhase, CompositorCancelTest,
                         ::testing::Values(CancelCase{0, Phase::BeforeDecoding}, CancelCase{3, Phase::Preparing},
                                           CancelCase{20, Phase::Rendering}),
                         [](const auto& info) { return "After" + std::to_string(info.param.checks_before_cancel) + "Checks"; });

// The first narration cannot be decoded, and the cancel trips on the very next check:
// the failure came first and is what the stage reports.
TEST(CompositorCancelRace, ARealFailureIsNotReportedAsACancel) {
  reelflow::testing::TempDir dir("compositor-cancel");
  const auto in = make_scene_inputs(dir / "in", {{1.0}, {1.0}});
  std::ofstream(in.audio.clips.at(0).path, std::ios::binary | std::ios::trunc) << "not a WAV file at all";
  CancellingContext ctx(in.as_inputs(), dir.path(), 1);
  CompositorStage stage;
  const Status status = stage.process(ctx);
  ASSERT_FALSE(status.is_ok());
  EXPECT_NE(status.message(), "cancelled");
  EXPECT_NE(status.message().find(in.audio.clips.at(0).path.filename().string()), std::string::npos)
      << status.message();
  EXPECT_EQ(ctx.outputs_set, 0);
}

}  // namespace
}  // namespace reelflow::compositor::testing
