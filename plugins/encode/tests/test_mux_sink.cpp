// TEST ONLY: a muxing file sink for the stream-fx plugin tests (encode, overlay,
// loudness), so their output can be decoded and measured. Not a product stage
// (the product file sink is another plugin); it ships nowhere.
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>
#include <reelflow_stream/bin_builder.hpp>

#include <filesystem>
#include <system_error>

namespace {

using namespace reelflow;

class TestMuxSink final : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("TEST ONLY: muxes encoded (or raw) streams into a file in the output directory");
    spec.stream_input("video", "video/x-h264; video/x-h265; video/x-raw", "video").optional();
    spec.stream_input("audio", "audio/mpeg; audio/x-opus; audio/x-raw", "audio").optional();
    spec.output("file", types::text, "the file's path, after EOS");
    spec.param("mux", "mp4", "container").one_of({"mp4", "mkv", "mpegts", "wav"});
    spec.param("name", "out.mp4", "file name in the output directory");
    spec.param("video", true, "mux the video input (false: it is drained; leave it unconnected)");
    spec.param("audio", false, "mux the audio input (false: it is drained; leave it unconnected)");
    spec.param("accepts", "", "narrower caps for the video input, e.g. video/x-h264,stream-format=avc");
    spec.trust("name", ParamTrust::Path);
  }
  static void stream_caps(const ParamSet& p, StreamCaps& caps) {
    if (!p.str("accepts").empty()) caps.set("video", p.str("accepts"));
  }

  Status build(StageContext& ctx, GstElement* bin) override {
    const auto& p = ctx.params();
    std::error_code ec;
    std::filesystem::create_directories(ctx.output_dir(), ec);
    final_ = ctx.output_dir() / p.str("name");
    temp_ = ctx.output_dir() / ("." + p.str("name") + ".part");
    stream::BinBuilder b(bin);
    const std::string mux_kind = p.str("mux");
    const char* factory = mux_kind == "mp4" ? "mp4mux" : mux_kind == "mkv" ? "matroskamux" : mux_kind == "mpegts" ? "mpegtsmux" : "wavenc";
    GstElement* mux = b.add(factory, "mux");
    GstElement* sink = b.add("filesink", "file");
    if (sink) g_object_set(sink, "location", temp_.c_str(), nullptr);
    b.chain({mux, sink});
    input(b, mux, "video", p.flag("video"), mux_kind == "mpegts" ? "sink_%d" : "video_%u");
    input(b, mux, "audio", p.flag("audio"),
          mux_kind == "mpegts" ? "sink_%d" : mux_kind == "wav" ? nullptr : "audio_%u");
    return b.status();
  }

  Status finish(StageContext& ctx) override {
    std::error_code ec;
    std::filesystem::rename(temp_, final_, ec);
    if (ec) return Status::error("cannot rename " + temp_.string() + ": " + ec.message());
    ctx.set_output("file", Text{final_.string()});
    return Status::ok();
  }

 private:
  // The port's ghost pad leads to the muxer (through a queue) or, unused, to an
  // identity going nowhere: not a sink, so the pipeline's EOS does not wait for it.
  static void input(stream::BinBuilder& b, GstElement* mux, const std::string& port, bool used, const char* pad) {
    if (!b.ok()) return;
    if (!used) {
      b.ghost(b.add("identity", ("unused_" + port).c_str()), "sink", port.c_str());
      return;
    }
    GstElement* queue = b.add("queue", ("queue_" + port).c_str());
    if (!queue) return;
    gst::PadPtr src(gst_element_get_static_pad(queue, "src"));
    gst::PadPtr sink(pad ? gst_element_request_pad_simple(mux, pad) : gst_element_get_static_pad(mux, "sink"));
    if (!sink || gst_pad_link(src.get(), sink.get()) != GST_PAD_LINK_OK) b.fail("cannot link " + port + " to the muxer");
    b.ghost(queue, "sink", port.c_str());
  }

  std::filesystem::path final_, temp_;
};

}  // namespace

REELFLOW_PLUGIN("stream_fx_test_sink", "1.0.0", "TEST ONLY: a muxing file sink for the stream-fx plugin tests") {
  registrar.add<TestMuxSink>("test_mux_sink");
}
