#pragma once
// A fresh directory under the system temp dir, removed with everything in it.
#include <filesystem>
#include <string_view>

namespace reelflow::testing {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "reelflow-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace reelflow::testing
