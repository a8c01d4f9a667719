#include <reelflow_stream/audio_encoder.hpp>

namespace reelflow::encode {
namespace {

const char* aac_factory() {
  // FFmpeg's AAC encoder is the better one; voaacenc where libav is not installed.
  gst::ObjectPtr<GstElementFactory> libav(gst_element_factory_find("avenc_aac"));
  return libav ? "avenc_aac" : "voaacenc";
}

}  // namespace

EncoderChain add_audio_chain(stream::BinBuilder& bin, const EncodeOptions& o) {
  EncoderChain chain;
  chain.first = bin.add("audioconvert", "audio_convert");
  GstElement* resample = bin.add("audioresample", "audio_resample");
  // Opus codes 48 kHz; AAC takes the input's rate.
  GstElement* rate = bin.capsfilter("audio_rate", o.opus ? "audio/x-raw,rate=48000" : "audio/x-raw");
  chain.encoder = o.opus ? "opusenc" : aac_factory();
  GstElement* enc = bin.add(chain.encoder.c_str(), "audio_encoder");
  if (enc) g_object_set(enc, "bitrate", static_cast<gint>(o.audio_bitrate_kbps * 1000), nullptr);
  chain.last = bin.capsfilter("audio_encoded", audio_caps(o));
  bin.chain({chain.first, resample, rate, enc, chain.last});
  return chain;
}

}  // namespace reelflow::encode
