#pragma once
#include <reelflow/stage.hpp>

namespace reelflow::image_source {

// The `image_source` stage: one picture per scene, all of one size, from a
// provider (generated backgrounds, a folder, or HTTP).
class ImageSourceStage final : public Stage {
 public:
  static void setup(StageSpec& spec);
  Status process(StageContext& context) override;
};

}  // namespace reelflow::image_source
