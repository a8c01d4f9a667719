// Stream stages for the runtime's segment tests and for plugin tests that need a
// source or a sink around the stage they test: a test-pattern source, a
// pass-through filter that can fail or emit values, and a counting sink.
#include <reelflow/gst_ptr.hpp>
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <gst/gst.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>

namespace {

using namespace reelflow;

GstElement* add(GstElement* bin, const char* factory, const char* name) {
  GstElement* e = gst_element_factory_make(factory, name);
  if (!e) throw std::runtime_error(std::string("missing GStreamer element ") + factory);
  gst_bin_add(GST_BIN(bin), e);
  return e;
}

void ghost(GstElement* bin, GstElement* element, const char* pad_name, const char* port) {
  gst::PadPtr pad(gst_element_get_static_pad(element, pad_name));
  gst_element_add_pad(bin, gst_ghost_pad_new(port, pad.get()));
}

std::string video_caps(const ParamSet& p, const std::string& format) {
  return "video/x-raw,format=" + format + ",width=" + std::to_string(p.integer("width")) +
         ",height=" + std::to_string(p.integer("height")) + ",framerate=" + std::to_string(p.integer("fps")) + "/1";
}

// videotestsrc or audiotestsrc; `frames` buffers then EOS (0: until stopped).
class TestStreamSource final : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("A test pattern or tone as a stream");
    spec.stream_output("out", "video/x-raw; audio/x-raw", "the stream");
    spec.param("kind", "video", "video or audio").one_of({"video", "audio"});
    spec.param("frames", 30, "buffers before EOS; 0: until stopped").range(0, 1000000);
    spec.param("width", 160, "video width").range(16, 4096);
    spec.param("height", 120, "video height").range(16, 4096);
    spec.param("fps", 30, "video frame rate").range(1, 240);
    spec.param("format", "I420", "the raw video format it declares");
    spec.param("sent_format", "", "the format it really sends, when it should differ from the declared one");
    spec.param("live", false, "a live source (real-time pace)");
    spec.param("pattern", "smpte", "video: videotestsrc pattern (snow: noise that does not compress)")
        .one_of({"smpte", "snow", "black", "white", "ball"});
    spec.param("freq", 440.0, "audio: sine frequency in Hz").range(1, 20000);
    spec.param("volume", 0.8, "audio: sine amplitude, 1.0 is full scale").range(0, 1);
  }
  static void stream_caps(const ParamSet& p, StreamCaps& caps) {
    if (p.str("kind") == "video") caps.set("out", video_caps(p, p.str("format")));
    else caps.set("out", "audio/x-raw,rate=48000,channels=1");
  }
  Status build(StageContext& ctx, GstElement* bin) override {
    const auto& p = ctx.params();
    const bool video = p.str("kind") == "video";
    GstElement* src = add(bin, video ? "videotestsrc" : "audiotestsrc", "src");
    g_object_set(src, "num-buffers", static_cast<int>(p.integer("frames") == 0 ? -1 : p.integer("frames")), "is-live",
                 p.flag("live") ? TRUE : FALSE, nullptr);
    if (video) gst_util_set_object_arg(G_OBJECT(src), "pattern", p.str("pattern").c_str());
    else g_object_set(src, "freq", p.number("freq"), "volume", p.number("volume"), nullptr);
    GstElement* filter = add(bin, "capsfilter", "caps");
    const std::string sent = p.str("sent_format").empty() ? p.str("format") : p.str("sent_format");
    gst::CapsPtr caps(gst_caps_from_string(video ? video_caps(p, sent).c_str() : "audio/x-raw,rate=48000,channels=1"));
    g_object_set(filter, "caps", caps.get(), nullptr);
    gst_element_link(src, filter);
    ghost(bin, filter, "src", "out");
    return Status::ok();
  }
};

// identity: passes buffers on; may fail after N (error-after) and emit a mark every N.
class TestStreamFilter final : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Passes a stream on; can fail or emit marks");
    spec.stream_input("in", "video/x-raw; audio/x-raw", "the stream");
    spec.stream_output("out", "video/x-raw; audio/x-raw", "the same stream");
    spec.input("label", types::text, "a value the segment must wait for").optional();
    spec.output("marks", types::text, "how many buffers passed, at EOS").optional();
    spec.param("error_after", 0, "fail after this many buffers; 0: never").range(0, 1000000);
    spec.param("emit_every", 0, "emit a mark every this many buffers; 0: never").range(0, 1000000);
  }
  Status build(StageContext& ctx, GstElement* bin) override {
    ctx_ = &ctx;
    GstElement* id = add(bin, "identity", "pass");
    if (const auto n = ctx.params().integer("error_after"); n > 0) g_object_set(id, "error-after", static_cast<int>(n), nullptr);
    every_ = static_cast<int>(ctx.params().integer("emit_every"));
    ghost(bin, id, "sink", "in");
    ghost(bin, id, "src", "out");
    gst::PadPtr src(gst_element_get_static_pad(id, "src"));
    gst_pad_add_probe(src.get(), GST_PAD_PROBE_TYPE_BUFFER, &TestStreamFilter::on_buffer, this, nullptr);
    return Status::ok();
  }
  Status finish(StageContext& ctx) override {
    ctx.set_output("marks", Text{std::to_string(passed_.load())});
    return Status::ok();
  }

 private:
  static GstPadProbeReturn on_buffer(GstPad*, GstPadProbeInfo* info, gpointer self_ptr) {
    auto* self = static_cast<TestStreamFilter*>(self_ptr);
    const int n = ++self->passed_;
    if (self->every_ > 0 && n % self->every_ == 0) {
      GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
      const double pts = GST_BUFFER_PTS_IS_VALID(buffer) ? static_cast<double>(GST_BUFFER_PTS(buffer)) / GST_SECOND : -1;
      self->ctx_->emit("marks", Text{std::to_string(n) + "@" + std::to_string(pts)});
    }
    return GST_PAD_PROBE_OK;
  }
  StageContext* ctx_ = nullptr;
  int every_ = 0;
  std::atomic<int> passed_{0};
};

// Counts what reaches it; `sync` plays at the clock's pace (for live tests).
class TestStreamSink : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Counts the buffers of a stream");
    spec.stream_input("in", "video/x-raw; audio/x-raw", "the stream");
    spec.output("count", types::text, "buffers received, at EOS");
    spec.output("caps", types::text, "the caps it received, at EOS");
    spec.param("sync", false, "play at the clock's pace");
    spec.param("accepts", "", "narrower caps it accepts, e.g. video/x-raw,width=320");
    spec.param("sub_bin", false,
               "its fakesink in a sub-bin that joins the stage's bin while still empty (so GStreamer "
               "never flags the stage's bin a sink)");
  }
  static void stream_caps(const ParamSet& p, StreamCaps& caps) {
    if (!p.str("accepts").empty()) caps.set("in", p.str("accepts"));
  }
  Status build(StageContext& ctx, GstElement* bin) override {
    GstElement* holder = bin;
    if (ctx.params().flag("sub_bin")) {
      holder = gst_bin_new("sub_bin");
      gst_bin_add(GST_BIN(bin), holder);  // joins while empty, on purpose
    }
    GstElement* sink = add(holder, "fakesink", "sink");
    g_object_set(sink, "sync", ctx.params().flag("sync") ? TRUE : FALSE, nullptr);
    if (holder != bin) {
      ghost(holder, sink, "sink", "in");
      ghost(bin, holder, "in", "in");
    } else {
      ghost(bin, sink, "sink", "in");
    }
    gst::PadPtr pad(gst_element_get_static_pad(sink, "sink"));
    gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &TestStreamSink::on_buffer, this, nullptr);
    pad_ = gst::PadPtr(GST_PAD(gst_object_ref(pad.get())));
    return Status::ok();
  }
  Status finish(StageContext& ctx) override {
    ctx.set_output("count", Text{std::to_string(count_.load())});
    gst::CapsPtr caps(gst_pad_get_current_caps(pad_.get()));
    gst::CharPtr text(caps ? gst_caps_to_string(caps.get()) : nullptr);
    ctx.set_output("caps", Text{gst::to_string(text)});
    return Status::ok();
  }

 private:
  static GstPadProbeReturn on_buffer(GstPad*, GstPadProbeInfo*, gpointer self) {
    ++static_cast<TestStreamSink*>(self)->count_;
    return GST_PAD_PROBE_OK;
  }
  std::atomic<int> count_{0};
  gst::PadPtr pad_;
};

// The same sink, but what it does must happen on every run, like a live output's
// (hls_sink, srt_sink): its segment is never cached.
class TestStreamUncachedSink final : public TestStreamSink {
 public:
  static void setup(StageSpec& spec) {
    TestStreamSink::setup(spec);
    spec.not_cacheable();
  }
};

// A stream stage that forgets its ghost pad: the runtime must say so.
class TestStreamNoPad final : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Declares an output but builds no pad for it");
    spec.stream_output("out", "video/x-raw", "never there");
  }
  Status build(StageContext&, GstElement* bin) override {
    add(bin, "videotestsrc", "src");
    return Status::ok();
  }
};

// Output caps narrowed apart from the input's, and an optional stream input read
// by a sink inside the bin: what set_output and stream_connected are for (an
// unconnected input still gets EOS from the runtime, so its sink does not hold
// the segment open).
class TestStreamSameNames final : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Passes 'video' on; reports which of its stream ports are linked");
    spec.stream_input("video", "video/x-raw", "the stream");
    spec.stream_input("extra", "video/x-raw", "may be left unconnected").optional();
    spec.stream_output("out", "video/x-raw", "the same stream, narrowed to its width");
    spec.output("connected", types::text, "video=<0|1>,extra=<0|1>");
    spec.param("width", 160, "the width it passes on").range(16, 4096);
  }
  static void stream_caps(const ParamSet& p, StreamCaps& caps) {
    caps.set_output("out", "video/x-raw,width=" + std::to_string(p.integer("width")));
  }
  Status build(StageContext& ctx, GstElement* bin) override {
    GstElement* pass = add(bin, "identity", "pass");
    GstElement* drain = add(bin, "fakesink", "drain");
    ghost(bin, pass, "sink", "video");
    ghost(bin, pass, "src", "out");
    ghost(bin, drain, "sink", "extra");
    connected_ = "video=" + std::to_string(ctx.stream_connected("video")) +
                 ",extra=" + std::to_string(ctx.stream_connected("extra"));
    return Status::ok();
  }
  Status finish(StageContext& ctx) override {
    ctx.set_output("connected", Text{connected_});
    return Status::ok();
  }

 private:
  std::string connected_;
};

}  // namespace

REELFLOW_PLUGIN("test_streams", "1.0.0", "Stream stages for the reelflow runtime tests") {
  registrar.add<TestStreamSource>("test_stream_source");
  registrar.add<TestStreamFilter>("test_stream_filter");
  registrar.add<TestStreamSink>("test_stream_sink");
  registrar.add<TestStreamUncachedSink>("test_stream_uncached_sink");
  registrar.add<TestStreamNoPad>("test_stream_no_pad");
  registrar.add<TestStreamSameNames>("test_stream_same_names");
}
