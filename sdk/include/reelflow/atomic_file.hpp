#pragma once
// Writes a file so that readers see either nothing or the complete file: write to
// a temp file in the destination's directory, then rename over the destination.
// An AtomicFile that is destroyed without commit() removes its temp file.
#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>

namespace reelflow {

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path destination)
      : destination_(std::move(destination)), temp_(make_temp_path(destination_)) {
    if (destination_.has_parent_path()) std::filesystem::create_directories(destination_.parent_path());
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile() {
    if (!committed_) {
      std::error_code ignored;
      std::filesystem::remove(temp_, ignored);
    }
  }

  // Write here; the path keeps the destination's extension (muxers and encoders care).
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& destination() const { return destination_; }

  void commit() {
    std::filesystem::rename(temp_, destination_);
    committed_ = true;
  }

 private:
  static std::filesystem::path make_temp_path(const std::filesystem::path& dest) {
    static std::atomic<unsigned> counter{0};
    auto name = "." + dest.stem().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter++) + dest.extension().string();
    return dest.parent_path() / name;
  }

  std::filesystem::path destination_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace reelflow
