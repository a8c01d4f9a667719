// TEST ONLY (never installed): a video file as a stream, for running
// shot_detect_stream in a real segment. uridecodebin's video pad is linked to a
// videoconvert whose output is the ghost pad `out`; the test videos have no other stream.
#include <reelflow/gst_ptr.hpp>
#include <reelflow/reelflow.hpp>
#include <reelflow/stream_stage.hpp>

#include <gst/gst.h>

#include <filesystem>
#include <string>

namespace {

using namespace reelflow;

class ShotTestFileSource final : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("TEST ONLY: decodes a video file into a raw video stream");
    spec.stream_output("out", "video/x-raw", "the decoded video");
    spec.required_param("path", ParamType::String, "the video file");
    spec.trust("path", ParamTrust::Path);
    spec.not_cacheable();
  }
  Status build(StageContext& ctx, GstElement* bin) override {
    GError* raw = nullptr;
    gst::CharPtr uri(gst_filename_to_uri(std::filesystem::absolute(ctx.params().str("path")).c_str(), &raw));
    gst::ErrorPtr error(raw);
    if (!uri) return Status::error("not a file name: " + ctx.params().str("path"));
    GstElement* decode = gst_element_factory_make("uridecodebin", "decode");
    GstElement* convert = gst_element_factory_make("videoconvert", "convert");
    if (!decode || !convert) return Status::error("uridecodebin or videoconvert is missing");
    gst_bin_add_many(GST_BIN(bin), decode, convert, nullptr);
    g_object_set(decode, "uri", uri.get(), nullptr);
    g_signal_connect(decode, "pad-added", G_CALLBACK(&ShotTestFileSource::on_pad), convert);
    gst::PadPtr src(gst_element_get_static_pad(convert, "src"));
    gst_element_add_pad(bin, gst_ghost_pad_new("out", src.get()));
    return Status::ok();
  }

 private:
  static void on_pad(GstElement*, GstPad* pad, gpointer convert) {
    gst::PadPtr sink(gst_element_get_static_pad(GST_ELEMENT(convert), "sink"));
    if (!gst_pad_is_linked(sink.get())) gst_pad_link(pad, sink.get());
  }
};

}  // namespace

REELFLOW_PLUGIN("scene_segmenter_test_source", "1.0.0", "TEST ONLY: a file source stream stage for shot_detect_stream") {
  registrar.add<ShotTestFileSource>("shot_test_file_source");
}
