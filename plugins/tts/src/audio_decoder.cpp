#include "audio_decoder.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/app/gstappsink.h>

#include <cstring>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::tts {
namespace {

// Collects what appsink receives; called on the streaming thread.
struct PcmCollector {
  std::mutex mutex;
  std::vector<std::int16_t> samples;
};

GstFlowReturn on_new_sample(GstAppSink* sink, gpointer user_data) {
  auto* collector = static_cast<PcmCollector*>(user_data);
  gst::SamplePtr sample(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_EOS;
  GstBuffer* buffer = gst_sample_get_buffer(sample.get());
  GstMapInfo map;
  if (!buffer || !gst_buffer_map(buffer, &map, GST_MAP_READ)) return GST_FLOW_ERROR;
  const std::size_t count = map.size / sizeof(std::int16_t);
  {
    std::lock_guard lock(collector->mutex);
    const std::size_t old_size = collector->samples.size();
    collector->samples.resize(old_size + count);
    std::memcpy(collector->samples.data() + old_size, map.data, count * sizeof(std::int16_t));
  }
  gst_buffer_unmap(buffer, &map);
  return GST_FLOW_OK;
}

// decodebin's pads appear once it knows the stream: link the first audio one.
void on_pad_added(GstElement* /*decodebin*/, GstPad* pad, gpointer converter) {
  gst::PadPtr sink_pad(gst_element_get_static_pad(static_cast<GstElement*>(converter), "sink"));
  if (!sink_pad || gst_pad_is_linked(sink_pad.get())) return;
  gst::CapsPtr caps(gst_pad_get_current_caps(pad));
  if (!caps) caps.reset(gst_pad_query_caps(pad, nullptr));
  if (!caps || gst_caps_is_empty(caps.get())) return;
  const gchar* media = gst_structure_get_name(gst_caps_get_structure(caps.get(), 0));
  if (g_str_has_prefix(media, "audio/")) gst_pad_link(pad, sink_pad.get());
}

// Leaves the pipeline in NULL state before it is released, whatever path returns.
struct PipelineStopper {
  GstElement* pipeline;
  ~PipelineStopper() { gst_element_set_state(pipeline, GST_STATE_NULL); }
};

}  // namespace

Status decode_audio_file(StageContext& context, const std::filesystem::path& file, int sample_rate, PcmAudio& audio) {
  if (!gst_is_initialized()) gst_init(nullptr, nullptr);

  auto pipeline = gst::adopt_floating(gst_pipeline_new("tts-decode"));
  const char* factories[] = {"filesrc", "decodebin", "audioconvert", "audioresample", "capsfilter", "appsink"};
  std::vector<GstElement*> elements;
  for (const char* factory : factories) {
    auto element = gst::adopt_floating(gst_element_factory_make(factory, nullptr));
    if (!element) return Status::error(std::string("GStreamer element '") + factory + "' is not installed");
    gst_bin_add(GST_BIN(pipeline.get()), element.get());  // the pipeline keeps its own reference
    elements.push_back(element.get());
  }
  GstElement* source = elements[0];
  GstElement* decoder = elements[1];
  GstElement* converter = elements[2];
  GstElement* capsfilter = elements[4];
  GstElement* sink = elements[5];

  g_object_set(source, "location", file.c_str(), nullptr);
  gst::CapsPtr caps(gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "S16LE", "layout", G_TYPE_STRING,
                                        "interleaved", "channels", G_TYPE_INT, 1, "rate", G_TYPE_INT, sample_rate,
                                        nullptr));
  g_object_set(capsfilter, "caps", caps.get(), nullptr);
  g_object_set(sink, "sync", FALSE, nullptr);

  if (!gst_element_link(source, decoder) || !gst_element_link_many(converter, elements[3], capsfilter, sink, nullptr))
    return Status::error("could not link the audio decoding pipeline");
  g_signal_connect(decoder, "pad-added", G_CALLBACK(on_pad_added), converter);

  PcmCollector collector;
  GstAppSinkCallbacks callbacks{};
  callbacks.new_sample = on_new_sample;
  gst_app_sink_set_callbacks(GST_APP_SINK(sink), &callbacks, &collector, nullptr);

  PipelineStopper stopper{pipeline.get()};
  if (Status status = context.run_pipeline(pipeline.get(), 0.0); !status) return status;
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);  // no more callbacks after this

  std::lock_guard lock(collector.mutex);
  audio.sample_rate = sample_rate;
  audio.samples = std::move(collector.samples);
  return Status::ok();
}

}  // namespace reelflow::tts
