#include "encode_stage.hpp"

#include <reelflow_stream/audio_encoder.hpp>
#include <reelflow_stream/video_encoder.hpp>

namespace reelflow::encode {

template <bool WithAudio> void EncodeStage<WithAudio>::setup(StageSpec& spec) {
  spec.describe(WithAudio ? "Encodes raw video and audio: H.264/H.265 (x264/x265 or hardware) and AAC/Opus"
                          : "Encodes raw video to H.264/H.265 (x264/x265 or hardware); no audio ports");
  // Input and output ports cannot share a name: each is a ghost pad of the one bin.
  spec.stream_input("raw_video", "video/x-raw", "the frames to encode");
  if (WithAudio) spec.stream_input("raw_audio", "audio/x-raw", "the sound to encode (for no audio use encode_video)");
  spec.stream_output("video", "video/x-h264; video/x-h265", "parsed H.264/H.265, one access unit per buffer");
  if (WithAudio) spec.stream_output("audio", "audio/mpeg; audio/x-opus", "AAC (raw, with codec_data) or Opus");
  spec.output("encoder", types::text, "the video encoder element used, e.g. x264enc or nvh264enc");
  declare_params(spec, WithAudio);
}

template <bool WithAudio> void EncodeStage<WithAudio>::stream_caps(const ParamSet& params, StreamCaps& caps) {
  const auto options = EncodeOptions::from(params);
  caps.set("video", video_caps(options));
  if (WithAudio) caps.set("audio", audio_caps(options));
}

template <bool WithAudio> void EncodeStage<WithAudio>::check(const CheckContext& context, CheckReport& report) {
  check_options(EncodeOptions::from(context.params()),
                [&](const char* param, const std::string& message) { report.error(param, message); });
}

template <bool WithAudio> Status EncodeStage<WithAudio>::build(StageContext& context, GstElement* bin) {
  const auto options = EncodeOptions::from(context.params());
  stream::BinBuilder builder(bin);
  const EncoderChain video = add_video_chain(builder, options);
  builder.ghost(video.first, "sink", "raw_video");
  builder.ghost(video.last, "src", "video");
  if (WithAudio) {
    const EncoderChain audio = add_audio_chain(builder, options);
    builder.ghost(audio.first, "sink", "raw_audio");
    builder.ghost(audio.last, "src", "audio");
  }
  encoder_ = video.encoder;
  if (builder.ok()) context.log(LogLevel::Info, "video encoder: " + encoder_);
  return builder.status();
}

template <bool WithAudio> Status EncodeStage<WithAudio>::finish(StageContext& context) {
  context.set_output("encoder", Text{encoder_});
  return Status::ok();
}

template class EncodeStage<true>;
template class EncodeStage<false>;

}  // namespace reelflow::encode
