#include "encode_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("encode", "0.1.0", "Stream encoders: raw video (and audio) to H.264/H.265 (and AAC/Opus)") {
  registrar.add<reelflow::encode::Encode>("encode");
  registrar.add<reelflow::encode::EncodeVideo>("encode_video");
}
