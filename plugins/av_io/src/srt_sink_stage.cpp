#include "srt_sink_stage.hpp"

#include "av_elements.hpp"
#include "encoded_inputs.hpp"

namespace reelflow::av_io {

void SrtSink::setup(StageSpec& spec) {
  spec.describe("Sends encoded video (and audio) as MPEG-TS over SRT");
  declare_encoded_inputs(spec, true);
  spec.required_param("uri", ParamType::String, "srt://host:port (caller) or srt://:port (listener)");
  spec.param("mode", "caller", "caller: connect to a listener; listener: wait for a caller").one_of({"caller", "listener"});
  spec.param("latency_ms", 125, "SRT latency").range(20, 10000);
  spec.param("reconnect", false,
             "when the peer is lost (a receiver killed, a caller gone from a listener): false fails the stage "
             "within seconds; true keeps reconnecting while the stream waits (srtsink's auto-reconnect), with "
             "only warnings");
  spec.trust("uri", ParamTrust::Url);
  spec.uses_network();
  spec.not_cacheable();
}

void SrtSink::check(const CheckContext& context, CheckReport& report) {
  check_encoded_inputs(context, report);
  if (context.params().str("uri").rfind("srt://", 0) != 0) report.error("uri", "not an srt:// URI", "srt://host:port");
}

void SrtSink::stream_caps(const ParamSet& params, StreamCaps& caps) { encoded_input_caps(params, caps, true); }

Status SrtSink::build(StageContext& context, GstElement* bin) {
  const auto& p = context.params();
  GstElement* mux = add_element(bin, "mpegtsmux", "mux");
  // 7 TS packets (1316 bytes) per buffer: the most an SRT live-mode packet carries.
  g_object_set(mux, "alignment", 7, nullptr);
  connect_encoded_inputs(p, bin, mux, "sink_%d", "sink_%d");
  GstElement* sink = add_element(bin, "srtsink", "srt");
  g_object_set(sink, "uri", p.str("uri").c_str(), "latency", static_cast<gint>(p.integer("latency_ms")), "async", FALSE,
               "auto-reconnect", p.flag("reconnect") ? TRUE : FALSE, nullptr);
  gst_util_set_object_arg(G_OBJECT(sink), "mode", p.str("mode").c_str());
  link_chain({mux, sink});
  return Status::ok();
}

}  // namespace reelflow::av_io
