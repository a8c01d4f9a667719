#include "overlay_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("overlay", "0.1.0", "Video overlays: picture watermark, text and clock") {
  registrar.add<reelflow::overlay::Overlay>("overlay");
}
