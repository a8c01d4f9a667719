#pragma once
// raw audio → audioconvert → audioresample → AAC or Opus → caps of the output port.
#include "encode_options.hpp"
#include "video_encoder.hpp"

namespace reelflow::encode {

EncoderChain add_audio_chain(stream::BinBuilder& bin, const EncodeOptions& options);

}  // namespace reelflow::encode
