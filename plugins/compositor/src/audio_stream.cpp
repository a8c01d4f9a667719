#include "audio_stream.hpp"

#include "gst_elements.hpp"

#include <gst/app/gstappsink.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

// How often a waiting read looks at the bus for a decoding error.
constexpr GstClockTime kPollInterval = 20 * GST_MSECOND;
// A decoder that produces nothing, reports nothing and never ends for this long is stuck.
constexpr GstClockTime kStallLimit = 30 * GST_SECOND;
// Decoded buffers queued ahead of the reader: enough to keep it from waiting, and small.
constexpr guint kBuffersAhead = 4;

// decodebin exposes its pads once it knows the stream; link the first audio one.
void on_pad_added(GstElement*, GstPad* pad, gpointer convert) {
  gst::CapsPtr caps(gst_pad_get_current_caps(pad));
  if (!caps) caps.reset(gst_pad_query_caps(pad, nullptr));
  const GstStructure* s = caps ? gst_caps_get_structure(caps.get(), 0) : nullptr;
  if (!s || !g_str_has_prefix(gst_structure_get_name(s), "audio/")) return;
  gst::PadPtr sink(gst_element_get_static_pad(static_cast<GstElement*>(convert), "sink"));
  if (!gst_pad_is_linked(sink.get())) gst_pad_link(pad, sink.get());
}

}  // namespace

AudioStream::AudioStream(const std::filesystem::path& file, int rate, int channels)
    : file_(file), channels_(channels) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw std::runtime_error("audio file '" + file.string() + "' does not exist");

  pipeline_ = gst::adopt_floating(gst_pipeline_new("audio-stream"));
  auto source = make_element("filesrc");
  auto decode = make_element("decodebin");
  convert_ = make_element("audioconvert");
  auto resample = make_element("audioresample");
  sink_ = make_element("appsink");
  g_object_set(source.get(), "location", file.c_str(), nullptr);
  gst::CapsPtr caps(gst_caps_new_simple("audio/x-raw", "format", G_TYPE_STRING, "F32LE", "layout", G_TYPE_STRING,
                                        "interleaved", "rate", G_TYPE_INT, rate, "channels", G_TYPE_INT, channels,
                                        nullptr));
  // A bounded queue that blocks the decoder (no dropping): it runs only a little ahead.
  g_object_set(sink_.get(), "caps", caps.get(), "sync", FALSE, "max-buffers", kBuffersAhead, "drop", FALSE, nullptr);

  add_elements(pipeline_.get(), {source.get(), decode.get(), convert_.get(), resample.get(), sink_.get()});
  link_chain({source.get(), decode.get()});  // decode -> convert once decodebin has found the audio
  link_chain({convert_.get(), resample.get(), sink_.get()});
  // convert_ outlives the pipeline's streaming threads: the destructor stops them first.
  g_signal_connect(decode.get(), "pad-added", G_CALLBACK(on_pad_added), convert_.get());

  bus_.reset(gst_element_get_bus(pipeline_.get()));
  gst_element_set_state(pipeline_.get(), GST_STATE_PLAYING);  // a failure shows up on the bus
}

AudioStream::~AudioStream() { gst_element_set_state(pipeline_.get(), GST_STATE_NULL); }

void AudioStream::throw_if_failed() {
  throw_if_bus_error(bus_.get(), "cannot decode audio file '" + file_.string() + "'");
}

bool AudioStream::pull_next() {
  GstClockTime waited = 0;
  for (;;) {
    gst::SamplePtr sample(gst_app_sink_try_pull_sample(GST_APP_SINK(sink_.get()), kPollInterval));
    if (sample) {
      GstBuffer* buffer = gst_sample_get_buffer(sample.get());
      GstMapInfo map;
      if (!buffer || !gst_buffer_map(buffer, &map, GST_MAP_READ))
        throw std::runtime_error("cannot read decoded audio of '" + file_.string() + "'");
      const auto* floats = reinterpret_cast<const float*>(map.data);
      pending_.assign(floats, floats + map.size / sizeof(float));
      gst_buffer_unmap(buffer, &map);
      pending_pos_ = 0;
      return true;
    }
    throw_if_failed();
    if (gst_app_sink_is_eos(GST_APP_SINK(sink_.get()))) return false;
    waited += kPollInterval;
    if (waited >= kStallLimit) throw std::runtime_error("decoding audio file '" + file_.string() + "' stalled");
  }
}

std::size_t AudioStream::read(float* out, std::size_t frames) {
  const auto ch = static_cast<std::size_t>(channels_);
  std::size_t done = 0;
  while (done < frames && !ended_) {
    if (pending_pos_ >= pending_.size() && !pull_next()) {
      ended_ = true;
      break;
    }
    const std::size_t n = std::min(frames - done, (pending_.size() - pending_pos_) / ch);
    std::memcpy(out + done * ch, pending_.data() + pending_pos_, n * ch * sizeof(float));
    pending_pos_ += n * ch;
    done += n;
  }
  return done;
}

void AudioStream::check_decodable(const std::filesystem::path& file, int rate, int channels) {
  AudioStream stream(file, rate, channels);
  std::vector<float> first(static_cast<std::size_t>(channels));
  if (stream.read(first.data(), 1) == 0)
    throw std::runtime_error("audio file '" + file.string() + "' has no audio samples");
}

double AudioStream::measure_s(const std::filesystem::path& file, int rate, int channels) {
  const std::size_t frames = decode_blocks(file, rate, channels, SIZE_MAX, [](const float*, std::size_t) {});
  return static_cast<double>(frames) / rate;
}

std::size_t AudioStream::decode_blocks(const std::filesystem::path& file, int rate, int channels,
                                       std::size_t max_frames,
                                       const std::function<void(const float*, std::size_t)>& each) {
  AudioStream stream(file, rate, channels);
  constexpr std::size_t kChunk = 4096;
  std::vector<float> scratch(kChunk * static_cast<std::size_t>(channels));
  std::size_t frames = 0;
  while (frames < max_frames) {
    const std::size_t n = stream.read(scratch.data(), std::min(kChunk, max_frames - frames));
    if (n == 0) break;
    each(scratch.data(), n);
    frames += n;
  }
  if (frames == 0) throw std::runtime_error("audio file '" + file.string() + "' has no audio samples");
  return frames;
}

}  // namespace reelflow::compositor
