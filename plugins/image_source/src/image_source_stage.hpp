#pragma once
#include <reelflow/stage.hpp>
#include <reelflow/stage_check.hpp>

namespace reelflow::image_source {

// The `image_source` stage: one picture per scene, all of one size, from a
// provider (generated backgrounds, a folder, HTTP, an images API) or a chain of them.
class ImageSourceStage final : public Stage {
 public:
  static void setup(StageSpec& spec);
  static void check(const CheckContext& context, CheckReport& report);
  Status process(StageContext& context) override;
};

}  // namespace reelflow::image_source
