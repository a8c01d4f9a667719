#pragma once
// raw video → videoconvert → encoder (hardware or x264/x265) → parser → caps of the output port.
#include <reelflow_stream/encode_options.hpp>

#include <reelflow_stream/bin_builder.hpp>

#include <string>

namespace reelflow::encode {

struct EncoderChain {
  GstElement* first = nullptr;  // takes the raw stream
  GstElement* last = nullptr;   // gives the encoded stream
  std::string encoder;          // the encoder's factory name
};

EncoderChain add_video_chain(stream::BinBuilder& bin, const EncodeOptions& options);

}  // namespace reelflow::encode
