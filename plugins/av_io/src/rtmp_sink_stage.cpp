#include "rtmp_sink_stage.hpp"

#include "av_elements.hpp"
#include "encoded_inputs.hpp"

namespace reelflow::av_io {

void RtmpSink::setup(StageSpec& spec) {
  spec.describe("Publishes encoded video (and AAC audio) to an RTMP server");
  declare_encoded_inputs(spec, false);
  spec.required_param("uri", ParamType::String, "rtmp://host:port/app/stream");
  spec.trust("uri", ParamTrust::Url);
  spec.uses_network();
  spec.not_cacheable();
}

void RtmpSink::check(const CheckContext& context, CheckReport& report) {
  check_encoded_inputs(context, report);
  const std::string& uri = context.params().str("uri");
  if (uri.rfind("rtmp://", 0) != 0 && uri.rfind("rtmps://", 0) != 0)
    report.error("uri", "not an rtmp:// URI", "rtmp://host:port/app/stream");
}

void RtmpSink::stream_caps(const ParamSet& params, StreamCaps& caps) { encoded_input_caps(params, caps, false); }

Status RtmpSink::build(StageContext& context, GstElement* bin) {
  const auto& p = context.params();
  GstElement* mux = add_element(bin, "flvmux", "mux");
  g_object_set(mux, "streamable", TRUE, nullptr);
  connect_encoded_inputs(p, bin, mux, "video", "audio");
  GstElement* sink = add_element(bin, "rtmp2sink", "rtmp");
  g_object_set(sink, "location", p.str("uri").c_str(), "async", FALSE, nullptr);
  link_chain({mux, sink});
  return Status::ok();
}

}  // namespace reelflow::av_io
