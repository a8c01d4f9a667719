// Segments: stream stages fused into one GstPipeline by the runtime. Sources,
// filters and sinks from tests/test_plugins/test_streams.cpp; what they count and
// report is checked, not the runtime's own claims.
#include "graph_run.hpp"
#include "temp_dir.hpp"
#include "wait_until.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include <chrono>

namespace reelflow::testing {
namespace {

using namespace std::chrono_literals;

TEST(StreamSegment, SourceToSinkDeliversEveryBufferWithTheDeclaredCaps) {
  TempDir dir;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 45, width: 320, height: 240 }
  - id: sink
    type: test_stream_sink
    inputs: { in: src.out }
)", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(run.text_output("sink.count"), "45");
  const std::string caps = run.text_output("sink.caps");
  EXPECT_NE(caps.find("width=(int)320"), std::string::npos) << caps;
  EXPECT_NE(caps.find("format=(string)I420"), std::string::npos) << caps;
  EXPECT_EQ(run.of_kind(EventKind::StageStarted).size(), 2u);
  EXPECT_EQ(run.of_kind(EventKind::StageFinished).size(), 2u);
}

// GStreamer flags a bin a sink only when a sink child is added to it: a sub-bin that
// joined the stage's bin empty and got its sink later would leave the pipeline
// waiting for no sink's EOS, forever. The runtime flags such bins after build().
TEST(StreamSegment, ASinkInASubBinThatJoinedEmptyStillEndsTheSegment) {
  TempDir dir;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 30, width: 160, height: 120 }
  - id: sink
    type: test_stream_sink
    params: { sub_bin: true }
    inputs: { in: src.out }
    timeout: 20s
)", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(run.text_output("sink.count"), "30");
}

TEST(StreamSegment, AnOutputFeedingSeveralInputsReachesEachOfThem) {
  TempDir dir;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 20 }
  - id: f
    type: test_stream_filter
    inputs: { in: src.out }
  - id: a
    type: test_stream_sink
    inputs: { in: f.out }
  - id: b
    type: test_stream_sink
    inputs: { in: src.out }
  - id: c
    type: test_stream_sink
    inputs: { in: src.out }
)", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(run.text_output("a.count"), "20");
  EXPECT_EQ(run.text_output("b.count"), "20");
  EXPECT_EQ(run.text_output("c.count"), "20");
  EXPECT_EQ(run.text_output("f.marks"), "20");
}

TEST(StreamSegment, CapsThatCannotMeetAreAValidationErrorAtTheInput) {
  const std::string errors = graph_errors(R"(stages:
  - id: video
    type: test_stream_source
    params: { width: 160, height: 120 }
  - id: mark
    type: test_stream_sink
    params: { accepts: "video/x-raw,width=1080" }
    inputs: { in: video.out }
)");
  EXPECT_NE(errors.find("g.yaml:8:19: error: 'video.out' produces video/x-raw"), std::string::npos) << errors;
  EXPECT_NE(errors.find("width=(int)160"), std::string::npos) << errors;
  EXPECT_NE(errors.find("but 'mark.in' accepts only video/x-raw, width=(int)1080"), std::string::npos) << errors;

  const std::string audio = graph_errors(R"(stages:
  - id: tone
    type: test_stream_source
    params: { kind: audio }
  - id: mark
    type: test_stream_sink
    params: { accepts: "video/x-raw" }
    inputs: { in: tone.out }
)");
  EXPECT_NE(audio.find("'tone.out' produces audio/x-raw"), std::string::npos) << audio;
}

TEST(StreamSegment, QueuePoliciesAreCheckedWithTheirLine) {
  const std::string leaky = graph_errors(R"(stages:
  - id: src
    type: test_stream_source
  - id: sink
    type: test_stream_sink
    inputs:
      in: { from: src.out, queue: { max_buffers: 4, leaky: sideways } }
)");
  EXPECT_NE(leaky.find("g.yaml:7:60: error: invalid queue leaky 'sideways' (none, upstream or downstream)"),
            std::string::npos)
      << leaky;
  const std::string unbounded = graph_errors(R"(stages:
  - id: src
    type: test_stream_source
  - id: sink
    type: test_stream_sink
    inputs:
      in: { from: src.out, queue: { max_time_ms: 0, max_buffers: 0, leaky: downstream } }
)");
  EXPECT_NE(unbounded.find("error: a leaky queue needs a limit"), std::string::npos) << unbounded;
  const std::string negative = graph_errors(R"(stages:
  - id: src
    type: test_stream_source
  - id: sink
    type: test_stream_sink
    inputs:
      in: { from: src.out, queue: { max_time_ms: -5 } }
)");
  EXPECT_NE(negative.find("invalid queue max_time_ms '-5'"), std::string::npos) << negative;
  const std::string on_value = graph_errors(R"(stages:
  - id: src
    type: test_stream_source
  - id: sink
    type: test_stream_sink
    inputs: { in: src.out }
  - id: later
    type: test_sleep
    inputs:
      in: { from: sink.count, queue: { max_buffers: 3 } }
)");
  EXPECT_NE(on_value.find("input 'in' of stage 'later' is a value port; only stream edges have a queue"),
            std::string::npos)
      << on_value;
}

TEST(StreamSegment, AValuePathBackIntoTheSameSegmentIsRefused) {
  const std::string errors = graph_errors(R"(stages:
  - id: src
    type: test_stream_source
  - id: f
    type: test_stream_filter
    inputs: { in: src.out }
  - id: wait
    type: test_sleep
    params: { ms: 1 }
    inputs: { in: f.marks }
  - id: g
    type: test_stream_filter
    inputs: { in: f.out, label: wait.text }
)");
  EXPECT_NE(errors.find("needs a value that is made from its own output; it would wait for itself"), std::string::npos)
      << errors;
}

TEST(StreamSegment, ValueStagesAfterASegmentGetItsOutputs) {
  TempDir dir;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 12 }
  - id: sink
    type: test_stream_sink
    inputs: { in: src.out }
  - id: after
    type: test_sleep
    params: { ms: 1 }
    inputs: { in: sink.count }
)", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(run.text_output("after.text"), "12,after");
}

// An endless source through a filter that fails after 5 buffers into a sink.
const std::string kFailingFilter = R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 0 }
  - id: f
    type: test_stream_filter
    params: { error_after: 5 }
    inputs: { in: src.out }
  - id: sink
    type: test_stream_sink
    inputs: { in: f.out }
)";

TEST(StreamSegment, AnElementErrorIsAttributedToTheStageWhoseBinHoldsIt) {
  TempDir dir;
  auto run = run_graph_yaml(kFailingFilter, dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(run.result.error.rfind("stage 'f' (test_stream_filter): element 'pass': ", 0), 0u) << run.result.error;
  ASSERT_EQ(run.of_kind(EventKind::StageFailed).size(), 1u);
  EXPECT_EQ(run.of_kind(EventKind::StageFailed)[0].stage_id, "f");
  // The others were stopped with it, not failed, and leave no outputs.
  EXPECT_EQ(run.of_kind(EventKind::StageCancelled).size(), 2u);
  EXPECT_EQ(run.result.outputs.count("sink.count"), 0u);
}

// on_error: continue on a stream stage: its segment stops (one pipeline), the value
// stages beside it go on, and what needs the segment is skipped.
TEST(StreamSegment, OnErrorContinueOnAStreamStageStopsOnlyItsSegment) {
  TempDir dir;
  std::string yaml = kFailingFilter + R"(  - id: report
    type: test_sleep
    inputs: { in: sink.count }
  - id: beside
    type: test_sleep
    params: { ms: 300 }
)";
  yaml.insert(yaml.find("  - id: sink"), "    on_error: continue\n");
  auto run = run_graph_yaml(yaml, dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Failed);
  std::map<std::string, StageState> states;
  for (const auto& s : run.result.stages) states[s.id] = s.state;
  EXPECT_EQ(states["f"], StageState::Failed);
  EXPECT_EQ(states["sink"], StageState::Cancelled);
  EXPECT_EQ(states["report"], StageState::Skipped);
  EXPECT_EQ(states["beside"], StageState::Succeeded);
  for (const auto& s : run.result.stages)
    if (s.id == "report") {
      EXPECT_EQ(s.error, "not run: stage 'f' failed");  // the cause, not the cancelled sink
    }
}

TEST(StreamSegment, AfterBetweenStagesOfOneSegmentIsRefused) {
  const auto errors = graph_errors(R"(stages:
  - id: src
    type: test_stream_source
  - id: sink
    type: test_stream_sink
    inputs: { in: src.out }
    after: [src]
)");
  EXPECT_NE(errors.find("g.yaml:7:13: error: stage 'sink' cannot run after 'src': both are in one stream segment"),
            std::string::npos)
      << errors;
}

TEST(StreamSegment, ABinWithoutItsPortsGhostPadIsAStageError) {
  TempDir dir;
  auto run = run_graph_yaml(R"(stages:
  - id: np
    type: test_stream_no_pad
  - id: sink
    type: test_stream_sink
    inputs: { in: np.out }
)", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_NE(run.result.error.find("stage 'np' (test_stream_no_pad): its bin has no pad 'out'"), std::string::npos)
      << run.result.error;
}

TEST(StreamSegment, CapsOutsideTheDeclarationFailTheStageThatSentThem) {
  TempDir dir;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { format: I420, sent_format: RGB }
  - id: sink
    type: test_stream_sink
    inputs: { in: src.out }
)", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_NE(run.result.error.find("stage 'src' (test_stream_source): element 'stage:src': port 'out' sent caps video/x-raw, format=(string)RGB"),
            std::string::npos)
      << run.result.error;
}

TEST(StreamSegment, EmittedValuesArriveInOrderWhileTheStreamPlays) {
  TempDir dir;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 30, fps: 30 }
  - id: f
    type: test_stream_filter
    params: { emit_every: 10 }
    inputs: { in: src.out }
  - id: sink
    type: test_stream_sink
    inputs: { in: f.out }
)", dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  const auto marks = run.of_kind(EventKind::StageOutput, "f");
  ASSERT_EQ(marks.size(), 3u);
  // The 10th, 20th and 30th buffers, with their stream times (PTS of frame n-1 at 30 fps).
  EXPECT_EQ(marks[0].value_json.rfind("{\"text\":\"10@0.3", 0), 0u) << marks[0].value_json;
  EXPECT_EQ(marks[1].value_json.rfind("{\"text\":\"20@0.6", 0), 0u) << marks[1].value_json;
  EXPECT_EQ(marks[2].value_json.rfind("{\"text\":\"30@0.9", 0), 0u) << marks[2].value_json;
  // Each came before the stage finished.
  std::size_t last_mark = 0, finished = 0;
  for (std::size_t i = 0; i < run.events.size(); ++i) {
    if (run.events[i].kind == EventKind::StageOutput) last_mark = i;
    if (run.events[i].kind == EventKind::StageFinished && run.events[i].stage_id == "f") finished = i;
  }
  EXPECT_LT(last_mark, finished);
}

TEST(StreamSegment, CancelEndsALiveSegmentPromptlyAndStatsFlowedWhileItPlayed) {
  TempDir dir;
  std::chrono::steady_clock::time_point cancelled_at;
  bool cancelled = false;
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 0, live: true, fps: 30 }
  - id: sink
    type: test_stream_sink
    params: { sync: true }
    inputs: { in: src.out }
)", dir.path(), {.on_event = [&](const Event& e, const std::function<void()>& cancel) {
                    // Two stats ticks of the sink: the stream has been playing for a while.
                    static int ticks = 0;
                    if (e.kind == EventKind::StageStats && e.stage_id == "sink" && ++ticks == 2 && !cancelled) {
                      cancelled = true;
                      cancelled_at = std::chrono::steady_clock::now();
                      cancel();
                    }
                  }});
  const auto stop_took = std::chrono::steady_clock::now() - cancelled_at;
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(run.result.outcome, RunOutcome::Cancelled) << run.result.error;
  // The source never ends by itself: only the cancel ended it, and within the
  // runtime's promise (EOS, or NULL after a second) plus half a second of slack.
  EXPECT_LT(stop_took, latency_deadline(1500ms));
  const auto stats = run.of_kind(EventKind::StageStats, "sink");
  ASSERT_GE(stats.size(), 2u);
  // A live 30 fps source: the second second's rate is near 30 (a loaded machine may lag).
  EXPECT_GT(stats[1].stats.fps, 15.0);
  EXPECT_LT(stats[1].stats.fps, 45.0);
  EXPECT_EQ(run.of_kind(EventKind::StageCancelled).size(), 2u);
  // The run said it was cancelled once, before its stages stopped and it finished.
  ASSERT_EQ(run.of_kind(EventKind::RunCancelled).size(), 1u);
  ASSERT_FALSE(run.events.empty());
  EXPECT_EQ(run.events.back().kind, EventKind::RunFinished);
  EXPECT_EQ(run.events.back().message, "cancelled");
  std::vector<EventKind> after_cancel;
  for (auto e = run.events.rbegin(); e != run.events.rend() && e->kind != EventKind::RunCancelled; ++e)
    after_cancel.push_back(e->kind);
  EXPECT_EQ(std::count(after_cancel.begin(), after_cancel.end(), EventKind::StageCancelled), 2);
}

TEST(StreamSegment, ALeakyQueueDropsAndTheDropsAreCounted) {
  TempDir dir;
  bool cancelled = false;
  // A source as fast as it can go into a sink at the clock's pace, through a
  // two-buffer queue that drops the oldest: drops must show in the sink's stats.
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 0, fps: 30 }
  - id: sink
    type: test_stream_sink
    params: { sync: true }
    inputs:
      in: { from: src.out, queue: { max_buffers: 2, max_time_ms: 0, leaky: downstream } }
)", dir.path(), {.on_event = [&](const Event& e, const std::function<void()>& cancel) {
                    if (e.kind == EventKind::StageStats && e.stage_id == "sink" && e.stats.dropped > 0 && !cancelled) {
                      cancelled = true;
                      cancel();
                    }
                  }});
  ASSERT_TRUE(run.loaded) << run.load_errors;
  EXPECT_TRUE(cancelled) << "no stage_stats event of the sink reported a drop";
  const auto stats = run.of_kind(EventKind::StageStats, "sink");
  ASSERT_FALSE(stats.empty());
  EXPECT_GT(stats.back().stats.queue_fill, 0.0);
}

// Output caps narrowed by the hook are checked along the edge; a stage knows which
// of its stream ports are linked, and a sink behind an unconnected input does not
// hold the segment open.
TEST(StreamSegment, OutputCapsAreTheirOwnAndAnUnconnectedInputEndsAtOnce) {
  TempDir dir;
  const std::string graph = R"(stages:
  - id: src
    type: test_stream_source
    params: { width: 160 }
  - id: same
    type: test_stream_same_names
    params: { width: 160 }
    inputs: { video: src.out }
  - id: sink
    type: test_stream_sink
    params: { accepts: "video/x-raw,width=WIDTH" }
    inputs: { in: same.out }
)";
  auto with = [&](const std::string& width) {
    std::string yaml = graph;
    yaml.replace(yaml.find("WIDTH"), 5, width);
    return yaml;
  };
  // The output's caps are its own (width=160 fits, 320 does not); the input's stay
  // as declared (any width from the source).
  EXPECT_NE(graph_errors(with("320")).find("'same.out' produces video/x-raw, width=(int)160 but 'sink.in' accepts only"),
            std::string::npos)
      << graph_errors(with("320"));
  auto run = run_graph_yaml(with("160"), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(run.text_output("same.connected"), "video=1,extra=0");
}

// An embedding host's appsink on a stream output gets every buffer with the port's caps.
TEST(StreamSegment, AHostsAppsinkOnAStreamPortGetsItsBuffers) {
  TempDir dir;
  gst_init(nullptr, nullptr);
  gst::ElementPtr appsink(GST_ELEMENT(gst_object_ref_sink(gst_element_factory_make("appsink", "host"))));
  g_object_set(appsink.get(), "sync", FALSE, "emit-signals", FALSE, "max-buffers", 0u, nullptr);
  std::atomic<int> buffers{0};
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = [](GstAppSink* sink, gpointer data) {
    gst::SamplePtr sample(gst_app_sink_pull_sample(sink));
    ++*static_cast<std::atomic<int>*>(data);
    return GST_FLOW_OK;
  };
  gst_app_sink_set_callbacks(GST_APP_SINK(appsink.get()), &callbacks, &buffers, nullptr);
  GraphRunOptions options;
  options.stream_taps = {{"src", "out", appsink.get()}};
  auto run = run_graph_yaml(R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: 25, width: 64, height: 48 }
  - id: sink
    type: test_stream_sink
    inputs: { in: src.out }
)", dir.path(), options);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_EQ(buffers.load(), 25);
  EXPECT_EQ(run.text_output("sink.count"), "25");  // the graph's own reader still got everything
}

// `port: { host: true }`: a stream input the embedding host feeds (RunOptions::stream_taps).
// It counts as connected when the graph is validated; a run without the host's element fails at once.
TEST(StreamSegment, AnInputLeftToTheHostIsConnectedButARunNeedsItsTap) {
  const std::string yaml = R"(stages:
  - id: sink
    type: test_stream_sink
    inputs: { in: { host: true } }
)";
  EXPECT_EQ(graph_errors(yaml), "");
  TempDir dir;
  auto run = run_graph_yaml(yaml, dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  EXPECT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(run.result.error, "'sink.in' is fed by the host (host: true) but the run has no stream tap on it");

  const std::string both = graph_errors(R"(stages:
  - id: src
    type: test_stream_source
  - id: sink
    type: test_stream_sink
    inputs: { in: { host: true, from: src.out } }
)");
  EXPECT_NE(both.find("g.yaml:6:27: error: input 'in' of stage 'sink' is fed by the host and by 'from'"),
            std::string::npos) << both;
  const std::string not_true = graph_errors(R"(stages:
  - id: sink
    type: test_stream_sink
    inputs: { in: { host: yes please } }
)");
  EXPECT_NE(not_true.find("g.yaml:4:27: error: invalid host 'yes please'"), std::string::npos) << not_true;
  const std::string unknown = graph_errors(R"(stages:
  - id: sink
    type: test_stream_sink
    inputs: { nope: { host: true } }
)");
  EXPECT_NE(unknown.find("stage 'sink' (test_stream_sink) has no input 'nope'"), std::string::npos) << unknown;
}

TEST(StreamSegment, ATapOnAValuePortOrAnUnknownStageFailsTheRunAtOnce) {
  TempDir dir;
  gst_init(nullptr, nullptr);
  gst::ElementPtr appsink(GST_ELEMENT(gst_object_ref_sink(gst_element_factory_make("appsink", "host"))));
  const std::string yaml = R"(stages:
  - id: src
    type: test_stream_source
  - id: sink
    type: test_stream_sink
    inputs: { in: src.out }
)";
  GraphRunOptions on_value;
  on_value.stream_taps = {{"sink", "count", appsink.get()}};
  auto run = run_graph_yaml(yaml, dir.path(), on_value);
  EXPECT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_EQ(run.result.error, "stream tap on 'sink.count': not a stream port of stage 'sink' (test_stream_sink)");
  GraphRunOptions fed;
  fed.stream_taps = {{"sink", "in", appsink.get()}};
  run = run_graph_yaml(yaml, dir.path(), fed);
  EXPECT_EQ(run.result.error, "stream tap on 'sink.in': that input is already fed by the graph");
  GraphRunOptions unknown;
  unknown.stream_taps = {{"nope", "out", appsink.get()}};
  run = run_graph_yaml(yaml, dir.path(), unknown);
  EXPECT_EQ(run.result.error, "stream tap on 'nope.out': the graph has no stage 'nope'");
}

// Stream segments are cached whole (docs/reliability.md, "Stream segments are cached whole").
std::string cached_chain(const std::string& sink_type = "test_stream_sink") {
  return R"(stages:
  - id: src
    type: test_stream_source
    params: { frames: "${frames}", width: 64, height: 48 }
  - id: f
    type: test_stream_filter
    params: { emit_every: 4 }
    inputs: { in: src.out }
  - id: sink
    type: )" + sink_type + R"(
    inputs: { in: f.out }
variables: { frames: 12 }
)";
}

std::vector<std::string> cached_stages(const GraphRun& run) {
  std::vector<std::string> ids;
  for (const auto& e : run.of_kind(EventKind::StageFinished))
    if (e.message == "cached") ids.push_back(e.stage_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(StreamSegmentCache, ASecondRunRestoresEveryMemberAndTheirOutputs) {
  TempDir dir;
  auto first = run_graph_yaml(cached_chain(), dir.path());
  ASSERT_TRUE(first.loaded) << first.load_errors;
  ASSERT_EQ(first.result.outcome, RunOutcome::Succeeded) << first.result.error;
  EXPECT_TRUE(cached_stages(first).empty());
  EXPECT_EQ(first.text_output("sink.count"), "12");
  // The filter emits a mark every 4 buffers while the stream plays.
  EXPECT_EQ(first.of_kind(EventKind::StageOutput, "f").size(), 3u);

  auto second = run_graph_yaml(cached_chain(), dir.path());
  ASSERT_EQ(second.result.outcome, RunOutcome::Succeeded) << second.result.error;
  EXPECT_EQ(cached_stages(second), (std::vector<std::string>{"f", "sink", "src"}));
  // Restored, not re-made: the outputs are there and nothing played (no marks emitted).
  EXPECT_EQ(second.text_output("sink.count"), "12");
  EXPECT_EQ(second.text_output("f.marks"), "12");
  EXPECT_TRUE(second.of_kind(EventKind::StageOutput, "f").empty());
}

TEST(StreamSegmentCache, AChangeUpstreamRunsTheWholeSegmentAgain) {
  TempDir dir;
  ASSERT_EQ(run_graph_yaml(cached_chain(), dir.path()).result.outcome, RunOutcome::Succeeded);
  // Only the source's param changes, yet the sink's result depends on it through the stream.
  auto changed = run_graph_yaml(cached_chain(), dir.path(), {.variables = {{"frames", "13"}}});
  ASSERT_EQ(changed.result.outcome, RunOutcome::Succeeded) << changed.result.error;
  EXPECT_TRUE(cached_stages(changed).empty());
  EXPECT_EQ(changed.text_output("sink.count"), "13");
}

TEST(StreamSegmentCache, ASegmentWithAMemberThatMustAlwaysRunIsNeverCached) {
  TempDir dir;
  const std::string yaml = cached_chain("test_stream_uncached_sink");
  ASSERT_EQ(run_graph_yaml(yaml, dir.path()).result.outcome, RunOutcome::Succeeded);
  auto again = run_graph_yaml(yaml, dir.path());
  ASSERT_EQ(again.result.outcome, RunOutcome::Succeeded) << again.result.error;
  EXPECT_TRUE(cached_stages(again).empty());
  EXPECT_EQ(again.text_output("sink.count"), "12");
  EXPECT_EQ(again.of_kind(EventKind::StageOutput, "f").size(), 3u);
}

TEST(StreamSegmentCache, ASegmentWithALeakyQueueIsNeverCached) {
  TempDir dir;
  // What a leaky queue drops depends on timing: a stored result could be missing frames
  // that the next run would keep.
  std::string yaml = cached_chain();
  yaml.replace(yaml.find("inputs: { in: src.out }"), 23,
               "inputs: { in: { from: src.out, queue: { max_buffers: 100, leaky: downstream } } }");
  ASSERT_EQ(run_graph_yaml(yaml, dir.path()).result.outcome, RunOutcome::Succeeded);
  auto again = run_graph_yaml(yaml, dir.path());
  ASSERT_TRUE(again.loaded) << again.load_errors;
  ASSERT_EQ(again.result.outcome, RunOutcome::Succeeded) << again.result.error;
  EXPECT_TRUE(cached_stages(again).empty());
  EXPECT_EQ(again.of_kind(EventKind::StageOutput, "f").size(), 3u);
}

TEST(StreamSegmentCache, ASegmentAHostTapsAlwaysPlays) {
  TempDir dir;
  ASSERT_EQ(run_graph_yaml(cached_chain(), dir.path()).result.outcome, RunOutcome::Succeeded);
  gst_init(nullptr, nullptr);
  gst::ElementPtr appsink(GST_ELEMENT(gst_object_ref_sink(gst_element_factory_make("appsink", "host"))));
  g_object_set(appsink.get(), "sync", FALSE, "emit-signals", FALSE, "max-buffers", 0u, nullptr);
  std::atomic<int> buffers{0};
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = [](GstAppSink* sink, gpointer data) {
    gst::SamplePtr sample(gst_app_sink_pull_sample(sink));
    ++*static_cast<std::atomic<int>*>(data);
    return GST_FLOW_OK;
  };
  gst_app_sink_set_callbacks(GST_APP_SINK(appsink.get()), &callbacks, &buffers, nullptr);
  GraphRunOptions tapped;
  tapped.stream_taps = {{"src", "out", appsink.get()}};
  auto run = run_graph_yaml(cached_chain(), dir.path(), tapped);
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_TRUE(cached_stages(run).empty());
  EXPECT_EQ(buffers.load(), 12);
}

}  // namespace
}  // namespace reelflow::testing
