#include "temp_dir.hpp"

#include <atomic>
#include <random>
#include <string>
#include <unistd.h>

namespace reelflow::testing {

TempDir::TempDir(std::string_view prefix) {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(rd() % 100000));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace reelflow::testing
