// Network sources and sinks against real peers on 127.0.0.1: the RTSP test
// server (gst-rtsp-server), ffmpeg as SRT sender and receiver, nginx-rtmp.
#include "av_io_test_support.hpp"
#include "graph_run.hpp"
#include "loopback_port.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"
#include "wait_until.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <memory>

namespace reelflow::testing {
namespace {

std::string reader(const std::string& url, const std::string& kind, const std::string& more) {
  return R"(stages:
  - id: src
    type: av_source
    params: { source: ")" + url + R"(", kind: )" + kind + R"(, audio: false, width: 320, height: 240, fps: 25, )" + more + R"( }
  - id: frames
    type: test_stream_filter
    params: { emit_every: 5 }
    inputs: { in: src.video }
  - id: count
    type: test_stream_sink
    inputs: { in: frames.out }
)";
}

int count_of(const GraphRun& run) { return std::atoi(run.text_output("count.count").c_str()); }

// What `reader(..., "duration_s: 2")` gets from a 25 fps peer: 2 s of frames, decoded
// and normalised to the 320-wide size asked for.
void expect_two_seconds_of_frames(const GraphRun& run) {
  EXPECT_GE(count_of(run), 40);
  EXPECT_LE(count_of(run), 52);
  EXPECT_NE(run.text_output("count.caps").find("width=(int)320"), std::string::npos) << run.text_output("count.caps");
}

// ffmpeg sends its 320x240 test pattern at 25 fps, listening for an SRT caller.
std::unique_ptr<Subprocess> srt_sender(int port, const std::filesystem::path& capture) {
  return std::make_unique<Subprocess>(
      std::vector<std::string>{"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
                               "testsrc=size=320x240:rate=25", "-c:v", "libx264", "-preset", "ultrafast", "-tune",
                               "zerolatency", "-g", "25", "-f", "mpegts",
                               "srt://127.0.0.1:" + std::to_string(port) + "?mode=listener"},
      capture);
}

// Restarts a peer once frames flowed (at the first mark of the `frames` stage) and
// counts the marks that come after, over the new connection.
struct PeerRestart {
  std::function<void()> restart;
  bool restarted = false;
  std::atomic<int> marks_after{0};

  std::function<void(const Event&, const std::function<void()>&)> on_event() {
    return [this](const Event& e, const std::function<void()>&) {
      if (e.kind != EventKind::StageOutput || e.stage_id != "frames") return;
      if (restarted) {
        ++marks_after;
        return;
      }
      restart();
      restarted = true;
    };
  }
};

TEST(AvSourceNetwork, ReadsAnRtspStream) {
  TempDir dir;
  const int port = free_loopback_port();
  auto server = start_rtsp_server(port, dir.path() / "rtsp");
  ASSERT_TRUE(server);
  const std::string url = "rtsp://127.0.0.1:" + std::to_string(port) + "/test";
  auto run = run_graph_yaml(reader(url, "rtsp", "duration_s: 2"), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  expect_two_seconds_of_frames(run);
}

// The server is killed after frames flowed and started again: frames arrive after the restart.
TEST(AvSourceNetwork, ReconnectsAfterThePeerComesBack) {
  TempDir dir;
  const int port = free_loopback_port();
  auto server = start_rtsp_server(port, dir.path() / "rtsp1");
  ASSERT_TRUE(server);
  const std::string url = "rtsp://127.0.0.1:" + std::to_string(port) + "/test";
  PeerRestart peer{[&] {
    server.reset();  // SIGKILL, reaped
    server = start_rtsp_server(port, dir.path() / "rtsp2");
  }};
  GraphRunOptions options;
  options.on_event = peer.on_event();
  auto run = run_graph_yaml(reader(url, "rtsp", "duration_s: 6, reconnect_backoff_ms: 200"), dir.path(), options);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_TRUE(peer.restarted);
  ASSERT_TRUE(server) << "the RTSP server did not start again";
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_GE(peer.marks_after.load(), 10);  // 50+ frames came over the new connection
}

TEST(AvSourceNetwork, APeerGoneForGoodFailsNamingTheUrl) {
  TempDir dir;
  const int port = free_loopback_port();
  const std::string url = "rtsp://127.0.0.1:" + std::to_string(port) + "/test";
  const auto start = std::chrono::steady_clock::now();
  auto run = run_graph_yaml(reader(url, "rtsp", "reconnect_attempts: 2, reconnect_backoff_ms: 100"), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  EXPECT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_NE(run.result.error.find("cannot receive from " + url + " (gave up after 2 reconnect attempts)"),
            std::string::npos)
      << run.result.error;
  EXPECT_LT(seconds_since(start), 30.0);  // gave up; an endless source would never end
}

TEST(AvSourceNetwork, ReadsAnSrtStreamFromFfmpeg) {
  TempDir dir;
  const int port = free_loopback_port();
  auto ffmpeg = srt_sender(port, dir.path() / "ffmpeg");
  ASSERT_TRUE(ffmpeg->started());
  // The caller may come before ffmpeg listens: the reconnect covers that.
  auto run = run_graph_yaml(reader("srt://127.0.0.1:" + std::to_string(port), "srt",
                                   "duration_s: 2, reconnect_backoff_ms: 200"),
                            dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error << ffmpeg->err();
  expect_two_seconds_of_frames(run);
}

// The sending ffmpeg is killed (SIGKILL) once frames flowed and a new one started on
// the same port: frames arrive over the new connection and the run ends on time.
TEST(AvSourceNetwork, SrtReconnectsAfterTheSenderIsKilledAndComesBack) {
  TempDir dir;
  const int port = free_loopback_port();
  auto sender = srt_sender(port, dir.path() / "ffmpeg1");
  ASSERT_TRUE(sender->started());
  PeerRestart peer{[&] {
    sender.reset();  // SIGKILL, reaped
    sender = srt_sender(port, dir.path() / "ffmpeg2");
  }};
  GraphRunOptions options;
  options.on_event = peer.on_event();
  auto run = run_graph_yaml(reader("srt://127.0.0.1:" + std::to_string(port), "srt",
                                   "duration_s: 6, reconnect_backoff_ms: 200"),
                            dir.path(), options);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_TRUE(peer.restarted);
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  EXPECT_GE(peer.marks_after.load(), 10);  // 50+ frames over the new connection
}

std::string encoded_to(const std::string& sink) {
  return R"(stages:
  - id: src
    type: av_source
    params: { source: test, live: true, duration_s: 3, width: 320, height: 240, fps: 25 }
  - id: enc
    type: test_av_encode
    params: { gop: 25 }
    inputs: { raw_video: src.video, raw_audio: src.audio }
)" + sink + R"(
    inputs: { video: enc.video, audio: enc.audio }
)";
}

TEST(SrtSink, FfmpegReceivesADecodableStream) {
  TempDir dir;
  const int port = free_loopback_port();
  const auto received = dir.path() / "received.ts";
  Subprocess ffmpeg({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-i",
                     "srt://127.0.0.1:" + std::to_string(port) + "?mode=listener", "-c", "copy", "-f", "mpegts",
                     received.string()},
                    dir.path() / "ffmpeg");
  ASSERT_TRUE(ffmpeg.started());
  auto run = run_graph_yaml(encoded_to(R"(  - id: out
    type: srt_sink
    params: { uri: "srt://127.0.0.1:)" + std::to_string(port) + R"(", mode: caller })"),
                            dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  ASSERT_EQ(ffmpeg.wait(std::chrono::seconds(20)), 0) << ffmpeg.err();
  std::string error;
  auto info = probe_media(received, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->width, 320);
  EXPECT_TRUE(info->has_audio);
  EXPECT_GT(info->duration_s, 2.0);
  EXPECT_TRUE(decode_frame_at(received, 1.0));
}

// The receiving peer dies mid-stream: the sink's stage fails with a message naming
// the peer, promptly, instead of the segment hanging on a socket nobody reads.
TEST(SrtSink, AReceiverKilledMidStreamFailsTheStageNamingThePeer) {
  TempDir dir;
  const int port = free_loopback_port();
  auto receiver = std::make_unique<Subprocess>(
      std::vector<std::string>{"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-i",
                               "srt://127.0.0.1:" + std::to_string(port) + "?mode=listener", "-f", "null", "-"},
      dir.path() / "ffmpeg");
  ASSERT_TRUE(receiver->started());
  const std::string uri = "srt://127.0.0.1:" + std::to_string(port);
  std::string graph = encoded_to(R"(  - id: out
    type: srt_sink
    params: { uri: ")" + uri + R"(", mode: caller })");
  // Long enough that only the peer's death can end it early.
  graph.replace(graph.find("duration_s: 3"), 13, "duration_s: 60");
  bool killed = false;
  GraphRunOptions options;
  options.on_event = [&](const Event& e, const std::function<void()>&) {
    // Stats of the sink mean buffers reached it: the connection is up.
    if (killed || e.kind != EventKind::StageStats || e.stage_id != "out") return;
    receiver.reset();  // SIGKILL, reaped
    killed = true;
  };
  const auto start = std::chrono::steady_clock::now();
  auto run = run_graph_yaml(graph, dir.path(), options);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_TRUE(killed);
  EXPECT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_NE(run.result.error.find("stage 'out' (srt_sink)"), std::string::npos) << run.result.error;
  EXPECT_LT(seconds_since(start), std::chrono::duration<double>(latency_deadline(std::chrono::seconds(30))).count())
      << run.result.error;
}

// ffmpeg publishing a test pattern and a tone to `url` (an nginx-rtmp application) at
// real time. With sound, as cameras publish: GStreamer's FLV demuxer waits 6 s for the
// audio an RTMP stream's header always announces before it plays a video-only one.
std::unique_ptr<Subprocess> rtmp_publisher(const std::string& url, const std::filesystem::path& capture) {
  return std::make_unique<Subprocess>(
      std::vector<std::string>{"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
                               "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                               "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-c:a", "aac",
                               "-f", "flv", url},
      capture);
}

// The kind comes from the rtmp:// scheme; the player may come before the publisher
// (nginx-rtmp holds an unpublished stream open).
TEST(AvSourceNetwork, ReadsAnRtmpStreamThatFfmpegPublishesToNginx) {
  TempDir dir;
  const int port = free_loopback_port();
  auto nginx = start_nginx_rtmp(port, dir.path() / "nginx");
  ASSERT_TRUE(nginx);
  const std::string url = "rtmp://127.0.0.1:" + std::to_string(port) + "/live/cam";
  auto publisher = rtmp_publisher(url, dir.path() / "ffmpeg");
  ASSERT_TRUE(publisher->started());
  auto run = run_graph_yaml(reader(url, "auto", "duration_s: 2, reconnect_backoff_ms: 200"), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error << publisher->err();
  expect_two_seconds_of_frames(run);
}

// The publisher is killed once frames flowed and never comes back; nginx stays up
// and keeps the player's connection open, silent. Each silent connection counts as
// lost after silence_s, so the stage fails naming the URL within the reconnect
// bound: 3 connections x 1 s of silence + 0.3 s of backoff, not at the run's end (60 s).
TEST(AvSourceNetwork, AnRtmpPublisherGoneForGoodFailsTheStageNamingTheUrl) {
  TempDir dir;
  const int port = free_loopback_port();
  auto nginx = start_nginx_rtmp(port, dir.path() / "nginx");
  ASSERT_TRUE(nginx);
  const std::string url = "rtmp://127.0.0.1:" + std::to_string(port) + "/live/cam";
  auto publisher = rtmp_publisher(url, dir.path() / "ffmpeg");
  ASSERT_TRUE(publisher->started());
  std::chrono::steady_clock::time_point gone_at;
  PeerRestart gone{[&] {
    publisher.reset();  // SIGKILL, reaped; no new one
    gone_at = std::chrono::steady_clock::now();
  }};
  GraphRunOptions options;
  options.on_event = gone.on_event();
  auto run = run_graph_yaml(reader(url, "rtmp", "duration_s: 60, reconnect_attempts: 2, reconnect_backoff_ms: 100, silence_s: 1"),
                            dir.path(), options);
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_TRUE(gone.restarted) << "no frames flowed before the publisher was killed: " << run.result.error;
  EXPECT_EQ(run.result.outcome, RunOutcome::Failed);
  EXPECT_NE(run.result.error.find("stage 'src' (av_source)"), std::string::npos) << run.result.error;
  EXPECT_NE(run.result.error.find("cannot receive from " + url + " (gave up after 2 reconnect attempts)"),
            std::string::npos)
      << run.result.error;
  EXPECT_NE(run.result.error.find("nothing received for 1 s"), std::string::npos) << run.result.error;
  EXPECT_LT(seconds_since(gone_at), std::chrono::duration<double>(latency_deadline(std::chrono::seconds(8))).count())
      << run.result.error;
}

TEST(RtmpSink, PublishesToNginxAndFfmpegPlaysItBack) {
  TempDir dir;
  const int port = free_loopback_port();
  auto nginx = start_nginx_rtmp(port, dir.path() / "nginx");
  ASSERT_TRUE(nginx);
  const std::string url = "rtmp://127.0.0.1:" + std::to_string(port) + "/live/test";
  const auto played = dir.path() / "played.flv";
  // A player that waits for the publisher (nginx-rtmp keeps idle streams by default) and
  // stops after 2 s of it (an unpublished stream does not end an RTMP player).
  Subprocess ffmpeg({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-i", url, "-t", "2", "-c", "copy", "-f",
                     "flv", played.string()},
                    dir.path() / "ffmpeg");
  ASSERT_TRUE(ffmpeg.started());
  auto run = run_graph_yaml(encoded_to(R"(  - id: out
    type: rtmp_sink
    params: { uri: ")" + url + R"(" })"),
                            dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  ASSERT_EQ(ffmpeg.wait(std::chrono::seconds(20)), 0) << ffmpeg.err();
  std::string error;
  auto info = probe_media(played, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->height, 240);
  EXPECT_TRUE(info->has_audio);
  EXPECT_NEAR(info->duration_s, 2.0, 0.3);
  EXPECT_TRUE(decode_frame_at(played, 1.5));
}

}  // namespace
}  // namespace reelflow::testing
