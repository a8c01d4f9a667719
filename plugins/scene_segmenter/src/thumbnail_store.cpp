#include "thumbnail_store.hpp"

#include <reelflow/atomic_file.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <set>
#include <stdexcept>

namespace reelflow::scene_segmenter {
namespace {

constexpr int kMaxWidth = 640;
constexpr int kJpegQuality = 90;

}  // namespace

ThumbnailStore::ThumbnailStore(std::filesystem::path scratch_dir, std::filesystem::path final_dir)
    : scratch_dir_(std::move(scratch_dir)), final_dir_(std::move(final_dir)) {}

cv::Mat ThumbnailStore::shrink(const cv::Mat& frame) {
  if (frame.cols <= kMaxWidth) return frame.clone();
  int height = std::max(1, frame.rows * kMaxWidth / frame.cols);
  cv::Mat small;
  cv::resize(frame, small, cv::Size(kMaxWidth, height), 0, 0, cv::INTER_AREA);
  return small;
}

std::string ThumbnailStore::file_name(int index) {
  char name[32];
  std::snprintf(name, sizeof name, "scene_%03d.jpg", index);
  return name;
}

std::filesystem::path ThumbnailStore::final_path(int index) const { return final_dir_ / file_name(index); }

void ThumbnailStore::save(int index, const cv::Mat& image) {
  std::filesystem::create_directories(scratch_dir_);
  std::filesystem::path path = scratch_dir_ / file_name(index);
  if (!cv::imwrite(path.string(), image, {cv::IMWRITE_JPEG_QUALITY, kJpegQuality}))
    throw std::runtime_error("cannot write thumbnail '" + path.string() + "'");
  saved_.push_back(index);
}

void ThumbnailStore::publish() const {
  std::set<std::string> published;
  for (int index : saved_) {
    AtomicFile out(final_path(index));
    std::filesystem::copy_file(scratch_dir_ / file_name(index), out.temp_path(),
                               std::filesystem::copy_options::overwrite_existing);
    out.commit();
    published.insert(file_name(index));
  }
  if (!std::filesystem::is_directory(final_dir_)) return;
  for (const auto& entry : std::filesystem::directory_iterator(final_dir_)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.starts_with("scene_") && name.ends_with(".jpg") && !published.contains(name))
      std::filesystem::remove(entry.path());
  }
}

}  // namespace reelflow::scene_segmenter
