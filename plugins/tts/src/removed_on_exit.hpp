#pragma once
// An intermediate file that is gone when its scope ends, whatever path returns.
#include <filesystem>
#include <system_error>

namespace reelflow::tts {

struct RemovedOnExit {
  std::filesystem::path path;
  ~RemovedOnExit() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

}  // namespace reelflow::tts
