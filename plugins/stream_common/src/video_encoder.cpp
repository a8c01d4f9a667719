#include <reelflow_stream/video_encoder.hpp>

#include <reelflow_stream/hardware_encoders.hpp>

namespace reelflow::encode {
namespace {

void set_enum(GstElement* element, const char* property, const std::string& nick) {
  // A nick from the param's closed list, converted by the property's own type.
  gst_util_set_object_arg(G_OBJECT(element), property, nick.c_str());
}

void configure_x264(GstElement* enc, const EncodeOptions& o) {
  g_object_set(enc, "key-int-max", static_cast<guint>(o.gop), "threads", static_cast<guint>(o.threads),
               // Keyframes exactly every gop frames: segmenters (HLS) cut on them.
               "option-string", "scenecut=0", nullptr);
  set_enum(enc, "speed-preset", o.preset);
  if (o.quality_mode) {
    set_enum(enc, "pass", "qual");
    g_object_set(enc, "quantizer", static_cast<guint>(o.quality), nullptr);
    // In this mode `bitrate` is the VBV cap.
    if (o.max_bitrate_kbps > 0) g_object_set(enc, "bitrate", static_cast<guint>(o.max_bitrate_kbps), nullptr);
  } else {
    g_object_set(enc, "bitrate", static_cast<guint>(o.bitrate_kbps), nullptr);  // pass=cbr: ABR with a VBV
  }
  if (o.tune == "zerolatency") set_enum(enc, "tune", "zerolatency");
  if (o.tune == "film") set_enum(enc, "psy-tune", "film");
}

void configure_x265(GstElement* enc, const EncodeOptions& o) {
  // Closed GOPs: every keyframe an IDR a segment can start with.
  std::string options = "scenecut=0:open-gop=0";
  if (o.quality_mode) options += ":crf=" + std::to_string(o.quality);
  if (o.quality_mode && o.max_bitrate_kbps > 0)
    options += ":vbv-maxrate=" + std::to_string(o.max_bitrate_kbps) + ":vbv-bufsize=" + std::to_string(o.max_bitrate_kbps);
  if (o.threads > 0) options += ":pools=" + std::to_string(o.threads);
  g_object_set(enc, "key-int-max", static_cast<gint>(o.gop), "option-string", options.c_str(), nullptr);
  if (!o.quality_mode) g_object_set(enc, "bitrate", static_cast<guint>(o.bitrate_kbps), nullptr);
  set_enum(enc, "speed-preset", o.preset);
  if (o.tune == "zerolatency") set_enum(enc, "tune", "zerolatency");
}

// Hardware encoders name their settings differently; each sets what it has (kbit/s everywhere).
void configure_hardware(GstElement* enc, const EncodeOptions& o) {
  set_if_present(enc, "bitrate", o.bitrate_kbps);
  for (const char* gop : {"gop-size", "key-int-max", "keyframe-period"}) set_if_present(enc, gop, o.gop);
}

}  // namespace

EncoderChain add_video_chain(stream::BinBuilder& bin, const EncodeOptions& o) {
  EncoderChain chain;
  chain.first = bin.add("videoconvert", "convert");
  GstElement* enc = nullptr;
  // Constant quality is a software mode: hardware encoders here only get a bitrate.
  if (o.hardware != "off" && !o.quality_mode) {
    if (gst::ElementPtr hw = open_hardware_encoder(o.h265)) {
      chain.encoder = GST_OBJECT_NAME(gst_element_get_factory(hw.get()));
      enc = bin.adopt(hw.get());
      configure_hardware(enc, o);
    } else if (o.hardware == "require") {
      bin.fail("hardware: require, but no hardware encoder opens (tried " + hardware_encoder_names(o.h265) + ")");
      return chain;
    }
  }
  if (!enc) {
    chain.encoder = o.h265 ? "x265enc" : "x264enc";
    enc = bin.add(chain.encoder.c_str(), "encoder");
    if (!enc) return chain;
    if (o.h265) configure_x265(enc, o);
    else configure_x264(enc, o);
  }
  GstElement* parse = bin.add(o.h265 ? "h265parse" : "h264parse", "parse");
  if (parse) g_object_set(parse, "config-interval", -1, nullptr);  // SPS/PPS before every IDR: segments start decodable
  chain.last = bin.capsfilter("encoded", video_caps(o));
  bin.chain({chain.first, enc, parse, chain.last});
  return chain;
}

}  // namespace reelflow::encode
