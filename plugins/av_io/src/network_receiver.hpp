#pragma once
// The receiving side of a network av_source. The network part (uridecodebin on
// an rtsp://, srt:// or rtmp:// URL, decoding to raw) runs in a small GstPipeline
// of its own, bridged into the stage's bin by appsink -> appsrc. A drop (an error
// or EOS from the peer) therefore never reaches the graph's pipeline: the
// receiver tears its pipeline down and builds a fresh one after a backoff, while
// the graph keeps playing. Buffers are re-stamped on arrival (appsrc
// do-timestamp), so time runs on across reconnects. A connection that delivers
// nothing for `silence_s` (a peer that stays connected but silent: an RTMP server
// whose publisher left, a stalled camera) is dropped the same way. After `attempts` failed
// reconnects in a row it posts one error naming the URL from the appsrc, which
// fails the stage.
#include <reelflow/gst_ptr.hpp>

#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace reelflow::av_io {

struct ReceiverOptions {
  std::string url;
  bool audio = true;          // feed the audio appsrc from the stream's audio
  int attempts = 5;           // reconnects in a row before giving up
  int backoff_ms = 500;       // first wait; doubles per failure, at most 16x
  double silence_s = 10;      // a connection with no buffer for this long is dropped
};

class NetworkReceiver {
 public:
  // `video_src`/`audio_src` are the appsrcs in the stage's bin (audio_src null when audio is off).
  NetworkReceiver(ReceiverOptions options, GstElement* video_src, GstElement* audio_src);
  ~NetworkReceiver();
  NetworkReceiver(const NetworkReceiver&) = delete;
  NetworkReceiver& operator=(const NetworkReceiver&) = delete;

  void start();

 private:
  enum class State { Running, Dropped, Stopping };
  void loop();
  gst::ElementPtr build_pipeline();
  void drop(const std::string& why);  // any thread: the current connection is gone
  bool wait_while_running();          // loop thread: false once stopping; drops a silent connection
  static GstBusSyncReply on_message(GstBus* bus, GstMessage* message, gpointer self);
  static void on_pad_added(GstElement* decoder, GstPad* pad, gpointer self);
  static void on_no_more_pads(GstElement* decoder, gpointer self);
  static void on_source_setup(GstElement* decoder, GstElement* source, gpointer self);
  static GstFlowReturn on_sample(GstAppSink* appsink, gpointer link);

  // What an appsink's callback needs: where its buffers go, and whom to tell.
  struct Link {
    NetworkReceiver* self;
    GstElement* appsrc;
  };

  ReceiverOptions options_;
  gst::ElementPtr video_src_;
  gst::ElementPtr audio_src_;
  gst::ElementPtr pipeline_;  // loop thread only
  std::mutex mutex_;
  std::condition_variable changed_;
  State state_ = State::Running;
  std::string last_error_;
  bool got_audio_pad_ = false;  // streaming threads of the current connection
  bool got_video_pad_ = false;
  std::atomic<bool> received_{false};  // a buffer arrived over the current connection
  std::atomic<std::chrono::steady_clock::rep> last_buffer_{0};  // when the last one (or the connection) came
  Link video_link_{this, nullptr};
  Link audio_link_{this, nullptr};
  std::thread thread_;
};

}  // namespace reelflow::av_io
