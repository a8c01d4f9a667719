#include "folder_clip_provider.hpp"

#include <algorithm>
#include <cctype>

namespace reelflow::clip_source {
namespace {

constexpr std::size_t kMinWordChars = 3;

std::size_t shared_words(const std::vector<std::string>& scene, const std::vector<std::string>& file) {
  std::size_t shared = 0;
  for (const auto& word : scene) shared += std::find(file.begin(), file.end(), word) != file.end() ? 1 : 0;
  return shared;
}

}  // namespace

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const auto c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if (std::isalnum(c)) {
      word.push_back(static_cast<char>(std::tolower(c)));
      continue;
    }
    if (word.size() >= kMinWordChars && std::find(words.begin(), words.end(), word) == words.end())
      words.push_back(word);
    word.clear();
  }
  return words;
}

FolderClipProvider::FolderClipProvider(std::vector<std::filesystem::path> files, std::uint64_t seed)
    : files_(std::move(files)), seed_(seed) {
  for (const auto& file : files_) file_words_.push_back(words_of(file.stem().string()));
}

Status FolderClipProvider::file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) {
  const auto wanted = words_of(picture_text(scene));
  std::size_t best = 0;
  for (const auto& words : file_words_) best = std::max(best, shared_words(wanted, words));
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (shared_words(wanted, file_words_[i]) == best) candidates.push_back(i);
  // One draw per scene number from the seed: the pick does not depend on other scenes.
  SeededRandom random(seed_ * 0x9E3779B97F4A7C15ull + index);
  file = files_[candidates[random.below(candidates.size())]];
  return Status::ok();
}

}  // namespace reelflow::clip_source
