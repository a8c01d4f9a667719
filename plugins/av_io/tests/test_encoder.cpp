// Test only, never shipped: a quick H.264 + AAC/Opus encoder stream stage, so the
// av_io sinks get encoded streams without the product's encode stage.
#include <reelflow/gst_ptr.hpp>
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stream_stage.hpp>

#include <gst/gst.h>

#include <stdexcept>
#include <string>

namespace {

using namespace reelflow;

GstElement* add(GstElement* bin, const char* factory) {
  GstElement* e = gst_element_factory_make(factory, nullptr);
  if (!e) throw std::runtime_error(std::string("missing GStreamer element ") + factory);
  gst_bin_add(GST_BIN(bin), e);
  return e;
}

void ghost(GstElement* bin, GstElement* element, const char* pad_name, const char* port) {
  gst::PadPtr pad(gst_element_get_static_pad(element, pad_name));
  gst_element_add_pad(bin, gst_ghost_pad_new(port, pad.get()));
}

class TestAvEncode final : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Test only: x264 (zerolatency, ultrafast) and AAC or Opus");
    spec.stream_input("raw_video", "video/x-raw", "raw video");
    spec.stream_input("raw_audio", "audio/x-raw", "raw audio");
    spec.stream_output("video", "video/x-h264", "H.264");
    spec.stream_output("audio", "audio/mpeg; audio/x-opus", "AAC or Opus");
    spec.param("audio_codec", "aac", "aac or opus").one_of({"aac", "opus"});
    spec.param("gop", 30, "frames between keyframes").range(1, 1000);
  }
  static void stream_caps(const ParamSet& p, StreamCaps& caps) {
    caps.set("audio", p.str("audio_codec") == "aac" ? "audio/mpeg,mpegversion=4" : "audio/x-opus");
  }
  Status build(StageContext& ctx, GstElement* bin) override {
    GstElement* vconvert = add(bin, "videoconvert");
    GstElement* x264 = add(bin, "x264enc");
    gst_util_set_object_arg(G_OBJECT(x264), "tune", "zerolatency");
    gst_util_set_object_arg(G_OBJECT(x264), "speed-preset", "ultrafast");
    g_object_set(x264, "key-int-max", static_cast<guint>(ctx.params().integer("gop")), "bitrate", 800u, nullptr);
    gst_element_link_many(vconvert, x264, nullptr);
    ghost(bin, vconvert, "sink", "raw_video");
    ghost(bin, x264, "src", "video");
    GstElement* aconvert = add(bin, "audioconvert");
    GstElement* resample = add(bin, "audioresample");
    const bool aac = ctx.params().str("audio_codec") == "aac";
    GstElement* encoder = add(bin, aac ? "voaacenc" : "opusenc");
    gst_element_link_many(aconvert, resample, encoder, nullptr);
    ghost(bin, aconvert, "sink", "raw_audio");
    ghost(bin, encoder, "src", "audio");
    return Status::ok();
  }
};

}  // namespace

REELFLOW_PLUGIN("av_io_test_encoder", "1.0.0", "Test only: an encoder stream stage for the av_io tests") {
  registrar.add<TestAvEncode>("test_av_encode");
}
