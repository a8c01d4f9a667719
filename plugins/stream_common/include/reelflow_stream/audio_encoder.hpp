#pragma once
// raw audio → audioconvert → audioresample → AAC or Opus → caps of the output port.
#include <reelflow_stream/encode_options.hpp>
#include <reelflow_stream/video_encoder.hpp>

namespace reelflow::encode {

EncoderChain add_audio_chain(stream::BinBuilder& bin, const EncodeOptions& options);

}  // namespace reelflow::encode
