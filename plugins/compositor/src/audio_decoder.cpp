#include "audio_decoder.hpp"

#include "gst_elements.hpp"

#include <gst/app/gstappsink.h>
#include <gst/audio/audio.h>

#include <stdexcept>

namespace reelflow::compositor {
namespace {

struct DecodeState {
  GstElement* convert = nullptr;
  PcmAudio* pcm = nullptr;
  std::size_t max_samples = 0;  // 0: unlimited
};

// decodebin exposes its pads once it knows the stream; link the first audio one.
void on_pad_added(GstElement*, GstPad* pad, gpointer data) {
  auto* state = static_cast<DecodeState*>(data);
  gst::CapsPtr caps(gst_pad_get_current_caps(pad));
  if (!caps) caps.reset(gst_pad_query_caps(pad, nullptr));
  const GstStructure* s = caps ? gst_caps_get_structure(caps.get(), 0) : nullptr;
  if (!s || !g_str_has_prefix(gst_structure_get_name(s), "audio/")) return;
  gst::PadPtr sink(gst_element_get_static_pad(state->convert, "sink"));
  if (!gst_pad_is_linked(sink.get())) gst_pad_link(pad, sink.get());
}

GstFlowReturn on_new_sample(GstAppSink* sink, gpointer data) {
  auto* state = static_cast<DecodeState*>(data);
  gst::SamplePtr sample(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_EOS;
  GstBuffer* buffer = gst_sample_get_buffer(sample.get());
  GstMapInfo map;
  if (!buffer || !gst_buffer_map(buffer, &map, GST_MAP_READ)) return GST_FLOW_ERROR;
  const auto* floats = reinterpret_cast<const float*>(map.data);
  state->pcm->samples.insert(state->pcm->samples.end(), floats, floats + map.size / sizeof(float));
  gst_buffer_unmap(buffer, &map);
  if (state->max_samples && state->pcm->samples.size() >= state->max_samples) {
    state->pcm->samples.resize(state->max_samples);
    return GST_FLOW_EOS;  // enough: upstream stops and sends EOS
  }
  return GST_FLOW_OK;
}

}  // namespace

PcmAudio decode_audio(StageContext& ctx, const std::filesystem::path& file, int rate, int channels,
                      double max_seconds) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw std::runtime_error("audio file '" + file.string() + "' does not exist");

  PcmAudio pcm;
  pcm.rate = rate;
  pcm.channels = channels;

  gst::ElementPtr pipeline = gst::adopt_floating(gst_pipeline_new("decode-audio"));
  auto source = make_element("filesrc");
  auto decode = make_element("decodebin");
  auto convert = make_element("audioconvert");
  auto resample = make_element("audioresample");
  auto sink = make_element("appsink");
  g_object_set(source.get(), "location", file.c_str(), nullptr);
  gst::CapsPtr caps(gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "F32LE", "layout", G_TYPE_STRING,
                                        "interleaved", "rate", G_TYPE_INT, rate, "channels", G_TYPE_INT, channels,
                                        nullptr));
  g_object_set(sink.get(), "caps", caps.get(), "sync", FALSE, nullptr);

  add_elements(pipeline.get(), {source.get(), decode.get(), convert.get(), resample.get(), sink.get()});
  link_chain({source.get(), decode.get()});  // decode -> convert once decodebin has found the audio
  link_chain({convert.get(), resample.get(), sink.get()});

  DecodeState state{convert.get(), &pcm,
                    max_seconds > 0 ? static_cast<std::size_t>(max_seconds * rate + 1) * channels : 0};
  g_signal_connect(decode.get(), "pad-added", G_CALLBACK(on_pad_added), &state);
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = on_new_sample;
  gst_app_sink_set_callbacks(GST_APP_SINK(sink.get()), &callbacks, &state, nullptr);

  Status status = Status::ok();
  {
    PipelineStopper stopper(pipeline.get());
    status = ctx.run_pipeline(pipeline.get(), 0.0);
  }
  if (!status) throw std::runtime_error("cannot decode audio file '" + file.string() + "': " + status.message());
  if (pcm.samples.empty()) throw std::runtime_error("audio file '" + file.string() + "' has no audio samples");
  return pcm;
}

}  // namespace reelflow::compositor
