// bench_stamp: writes the wall-clock time into each frame as a block code, so a
// receiver that decodes the stream can tell how old each frame is when it shows
// it (glass-to-glass latency, bench/reelbench/latency.py). Benchmarks only.
//
// The code: 48 bits of CLOCK_REALTIME in milliseconds, most significant first, as
// 16x16 blocks in three rows of 16 at the frame's top-left corner (a 256x48 area),
// luma 235 for 1 and 16 for 0: blocks that size survive x264 at any sane bitrate.
// reelbench/latency.py reads them back; keep the two in step.
#include <reelflow/reelflow.hpp>
#include <reelflow/stream_stage.hpp>
#include <reelflow/plugin.hpp>

#include <reelflow_stream/bin_builder.hpp>

#include <gst/gst.h>
#include <gst/video/video.h>

#include <chrono>
#include <cstdint>

namespace {

using namespace reelflow;

constexpr int kBits = 48;
constexpr int kBlock = 16;
constexpr int kPerRow = 16;

void write_code(guint8* luma, int stride, std::uint64_t value) {
  for (int bit = 0; bit < kBits; ++bit) {
    const bool one = (value >> (kBits - 1 - bit)) & 1U;
    const int x0 = (bit % kPerRow) * kBlock;
    const int y0 = (bit / kPerRow) * kBlock;
    for (int y = y0; y < y0 + kBlock; ++y)
      for (int x = x0; x < x0 + kBlock; ++x) luma[y * stride + x] = one ? 235 : 16;
  }
}

std::uint64_t wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

class BenchStamp final : public StreamStage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Stamps the wall-clock time into each frame as a block code (benchmarks only)");
    spec.stream_input("in", "video/x-raw", "the frames");
    spec.stream_output("out", "video/x-raw, format=I420", "the frames, each with its stamp (at least 256x48)");
  }

  Status build(StageContext&, GstElement* bin) override {
    stream::BinBuilder b(bin);
    GstElement* convert = b.add("videoconvert", "convert");
    GstElement* caps = b.capsfilter("i420", "video/x-raw,format=I420");
    GstElement* stamp = b.add("identity", "stamp");
    b.chain({convert, caps, stamp});
    b.ghost(convert, "sink", "in");
    b.ghost(stamp, "src", "out");
    if (b.ok()) {
      gst::PadPtr pad(gst_element_get_static_pad(stamp, "src"));
      gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &BenchStamp::on_buffer, nullptr, nullptr);
    }
    return b.status();
  }

 private:
  static GstPadProbeReturn on_buffer(GstPad* pad, GstPadProbeInfo* info, gpointer) {
    gst::CapsPtr caps(gst_pad_get_current_caps(pad));
    GstVideoInfo video;
    if (!caps || !gst_video_info_from_caps(&video, caps.get())) return GST_PAD_PROBE_OK;
    if (GST_VIDEO_INFO_WIDTH(&video) < kBlock * kPerRow || GST_VIDEO_INFO_HEIGHT(&video) < kBlock * kBits / kPerRow)
      return GST_PAD_PROBE_OK;
    GstBuffer* buffer = gst_buffer_make_writable(GST_PAD_PROBE_INFO_BUFFER(info));
    GST_PAD_PROBE_INFO_DATA(info) = buffer;
    GstVideoFrame frame;
    if (!gst_video_frame_map(&frame, &video, buffer, GST_MAP_WRITE)) return GST_PAD_PROBE_OK;
    write_code(static_cast<guint8*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, 0)), GST_VIDEO_FRAME_PLANE_STRIDE(&frame, 0),
               wall_clock_ms());
    gst_video_frame_unmap(&frame);
    return GST_PAD_PROBE_OK;
  }
};

}  // namespace

REELFLOW_PLUGIN("bench_stamp", "0.1.0", "Wall-clock stamps in frames, for the latency benchmark") {
  registrar.add<BenchStamp>("bench_stamp");
}
