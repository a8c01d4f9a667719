#include "image_source_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("image_source", "0.2.0", "One picture per scene: generated, from a folder, or over HTTP") {
  registrar.add<reelflow::image_source::ImageSourceStage>("image_source");
}
