#pragma once
#include "image_provider.hpp"
#include "image_size.hpp"

#include <cstdint>
#include <filesystem>

namespace reelflow::image_source {

// Paints a background per scene, offline. The picture is derived from the scene's
// visual and narration text, its position and the stage's seed, so a re-run gives
// the same images and neighbouring scenes look different.
class GeneratedProvider final : public ImageProvider {
 public:
  GeneratedProvider(ImageSize size, std::int64_t seed, std::filesystem::path out_dir);

  Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& image) override;

 private:
  ImageSize size_;
  std::int64_t seed_;
  std::filesystem::path out_dir_;
};

}  // namespace reelflow::image_source
