#pragma once
#include "source_kit.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace reelflow::clip_source {

// Gives each scene a clip from a folder: among the files whose names share the most
// words with the scene's visual text (caption or narration when it has none), or all
// files when none shares a word, the one a hash of `seed` and the scene's number picks.
// The same scenes and files always give the same clips; a retake (another number)
// picks again among the same candidates.
class FolderClipProvider final : public SceneFileProvider {
 public:
  FolderClipProvider(std::vector<std::filesystem::path> files, std::uint64_t seed);

  Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) override;

 private:
  std::vector<std::filesystem::path> files_;
  std::vector<std::vector<std::string>> file_words_;  // per file, its name's words
  std::uint64_t seed_;
};

// The lower-case words of `text` (letters and digits, at least 3 characters).
std::vector<std::string> words_of(const std::string& text);

}  // namespace reelflow::clip_source
