#include "generated_provider.hpp"

#include "backdrop_painter.hpp"
#include "image_writer.hpp"
#include "source_kit.hpp"

#include <string>

namespace reelflow::image_source {
namespace {

// A stable 64-bit seed (std::hash may differ between builds).
std::uint64_t scene_seed(std::size_t index, const Scene& scene, std::int64_t stage_seed) {
  const std::string identity = scene.visual + '\x1f' + scene.narration + '\x1f' + std::to_string(index) +
                               '\x1f' + std::to_string(stage_seed);
  return std::stoull(sha256_hex(identity).substr(0, 16), nullptr, 16);
}

}  // namespace

GeneratedProvider::GeneratedProvider(ImageSize size, std::int64_t seed, std::filesystem::path out_dir)
    : size_(size), seed_(seed), out_dir_(std::move(out_dir)) {}

Status GeneratedProvider::file_for(std::size_t index, const Scene& scene, std::filesystem::path& image) {
  image = scene_image_path(out_dir_, index);
  return write_image(paint_backdrop(scene_seed(index, scene, seed_), size_), image);
}

}  // namespace reelflow::image_source
