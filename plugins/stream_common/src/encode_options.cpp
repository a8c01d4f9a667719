#include <reelflow_stream/encode_options.hpp>

#include <reelflow_stream/hardware_encoders.hpp>

namespace reelflow::encode {

EncodeOptions EncodeOptions::from(const ParamSet& p) {
  EncodeOptions o;
  o.h265 = p.str("video_codec") == "h265";
  o.quality_mode = p.str("rate_control") == "quality";
  o.bitrate_kbps = p.integer("bitrate_kbps");
  o.quality = p.integer("quality");
  o.max_bitrate_kbps = p.integer("max_bitrate_kbps");
  o.read_tuning(p);
  o.stream_format = p.str("stream_format");
  if (p.has("audio_codec")) {
    o.opus = p.str("audio_codec") == "opus";
    o.audio_bitrate_kbps = p.integer("audio_bitrate_kbps");
  }
  return o;
}

void EncodeOptions::read_tuning(const ParamSet& p) {
  gop = p.integer("gop");
  preset = p.str("preset");
  tune = p.str("tune");
  threads = p.integer("threads");
  hardware = p.str("hardware");
}

void declare_tuning_params(StageSpec& spec) {
  spec.param("gop", 60, "keyframe interval in frames; keyframes come exactly this often (no scene-cut keyframes)")
      .range(1, 10000);
  spec.param("preset", "veryfast", "x264/x265 speed preset")
      .one_of({"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"});
  spec.param("tune", "none", "none, zerolatency (no B-frames, no lookahead) or film (x264 only)")
      .one_of({"none", "zerolatency", "film"});
  spec.param("threads", 0, "encoder threads; 0: automatic").range(0, 128);
  spec.param("hardware", "auto",
             "auto: a hardware encoder when one is installed and opens, else x264/x265; off: software only; "
             "require: fail without a hardware encoder")
      .one_of({"auto", "off", "require"});
}

void declare_params(StageSpec& spec, bool with_audio) {
  spec.param("video_codec", "h264", "h264 (x264 or a hardware encoder) or h265 (x265 or a hardware encoder)")
      .one_of({"h264", "h265"});
  spec.param("rate_control", "bitrate",
             "bitrate: average bitrate_kbps (x264/x265 ABR); quality: constant quality (x264 pass=qual with "
             "quantizer=quality, x265 crf=quality)")
      .one_of({"bitrate", "quality"});
  spec.param("bitrate_kbps", 2500, "video bitrate in kbit/s (rate_control: bitrate)").range(50, 200000);
  spec.param("quality", 23, "constant quality, lower is better (rate_control: quality)").range(0, 50);
  spec.param("max_bitrate_kbps", 0,
             "rate_control: quality: the bitrate the encoder may never exceed (VBV); 0: x264's 2048 kbit/s, "
             "none for x265. Raise it for 1080p motion (about 0.2 bit per pixel: 12000 at 1080x1920@30)")
      .range(0, 200000);
  declare_tuning_params(spec);
  spec.param("stream_format", "auto",
             "auto: whatever the one consumer takes; packetized: avc/hvc1 (mp4mux, matroskamux, flvmux); "
             "byte-stream: Annex B (mpegtsmux, hlssink2)")
      .one_of({"auto", "packetized", "byte-stream"});
  if (!with_audio) return;
  spec.param("audio_codec", "aac", "aac (avenc_aac, else voaacenc) or opus (opusenc, 48 kHz)").one_of({"aac", "opus"});
  spec.param("audio_bitrate_kbps", 128, "audio bitrate in kbit/s").range(16, 512);
}

std::string video_caps(const EncodeOptions& o) {
  std::string caps = o.h265 ? "video/x-h265,alignment=au" : "video/x-h264,alignment=au";
  if (o.stream_format == "packetized") caps += o.h265 ? ",stream-format=hvc1" : ",stream-format=avc";
  else if (o.stream_format == "byte-stream") caps += ",stream-format=byte-stream";
  return caps;
}

std::string audio_caps(const EncodeOptions& o) {
  return o.opus ? "audio/x-opus" : "audio/mpeg,mpegversion=4,stream-format=raw";
}

void check_options(const EncodeOptions& o, const std::function<void(const char*, std::string)>& error) {
  if (o.h265 && o.tune == "film") error("tune", "film is an x264 tuning; x265 has none by that name");
  if (o.hardware == "require") {
    if (o.quality_mode)
      error("hardware", "require does not go with rate_control: quality (hardware encoders get a bitrate)");
    else if (installed_hardware_encoders(o.h265).empty())
      error("hardware", "require, but no hardware " + std::string(o.h265 ? "H.265" : "H.264") +
                            " encoder is installed (looked for " + hardware_encoder_names(o.h265) + ")");
  }
}

}  // namespace reelflow::encode
