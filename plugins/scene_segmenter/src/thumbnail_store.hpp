#pragma once
// Shot thumbnails: JPEGs encoded into scratch space while the video is scanned,
// and copied (each atomically) to their final folder only once the whole scan
// succeeded, so a failed run leaves no thumbnails behind.
#include <opencv2/core/mat.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::scene_segmenter {

class ThumbnailStore {
 public:
  ThumbnailStore(std::filesystem::path scratch_dir, std::filesystem::path final_dir);

  // A copy of `frame` no wider than a thumbnail needs to be.
  static cv::Mat shrink(const cv::Mat& frame);

  // Encodes shot `index`'s thumbnail; throws std::runtime_error when it cannot.
  void save(int index, const cv::Mat& image);
  // Copies every saved thumbnail to the final folder and removes thumbnails a
  // previous run with more shots left there; throws on I/O errors.
  void publish() const;
  std::filesystem::path final_path(int index) const;

 private:
  static std::string file_name(int index);

  std::filesystem::path scratch_dir_;
  std::filesystem::path final_dir_;
  std::vector<int> saved_;
};

}  // namespace reelflow::scene_segmenter
