#pragma once
#include "image_provider.hpp"
#include "image_size.hpp"

#include <filesystem>
#include <vector>

namespace reelflow::image_source {

// Gives scene i the picture files[i % files.size()], cover-cropped to size. A
// picture used by several scenes is normalised once.
class FolderProvider final : public ImageProvider {
 public:
  FolderProvider(std::vector<std::filesystem::path> files, ImageSize size, std::filesystem::path out_dir);

  Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& image) override;

 private:
  std::vector<std::filesystem::path> files_;
  std::vector<std::filesystem::path> normalised_;  // per file; empty until made
  ImageSize size_;
  std::filesystem::path out_dir_;
};

}  // namespace reelflow::image_source
