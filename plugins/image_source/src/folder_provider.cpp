#include "folder_provider.hpp"

#include "cover_fit.hpp"
#include "image_loader.hpp"
#include "image_writer.hpp"

namespace reelflow::image_source {

FolderProvider::FolderProvider(std::vector<std::filesystem::path> files, ImageSize size,
                               std::filesystem::path out_dir)
    : files_(std::move(files)), normalised_(files_.size()), size_(size), out_dir_(std::move(out_dir)) {}

Status FolderProvider::file_for(std::size_t index, const Scene&, std::filesystem::path& image) {
  const std::size_t file = index % files_.size();
  if (normalised_[file].empty()) {
    cv::Mat picture;
    if (Status loaded = load_image(files_[file], files_[file].string(), DecodeRules{}, picture); !loaded)
      return loaded;
    const auto destination = scene_image_path(out_dir_, index);
    if (Status written = write_image(cover_fit(picture, size_), destination); !written) return written;
    normalised_[file] = destination;
  }
  image = normalised_[file];
  return Status::ok();
}

}  // namespace reelflow::image_source
