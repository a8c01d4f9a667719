#pragma once
// Downloads (pictures, clips) kept across runs, so a re-run fetches nothing twice.
// An entry is named <sha256 of the request identity>.<ext>: the identity is the
// image URL, or the search endpoint and query; never an API key.
#include <reelflow/status.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::source_kit {

class DownloadCache {
 public:
  // `extensions`: every extension admit() may give an entry ("jpg", "mp4", ...).
  DownloadCache(std::filesystem::path dir, std::vector<std::string> extensions);

  // The stored entry for `identity`, or an empty path.
  std::filesystem::path find(std::string_view identity) const;

  // A fresh path in the cache folder for a download that is not yet validated.
  std::filesystem::path incoming_path(std::string_view identity) const;

  // Moves a validated download into the cache as the entry for `identity`.
  Status admit(std::string_view identity, const std::filesystem::path& incoming, std::string_view extension,
               std::filesystem::path& entry) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::vector<std::string> extensions_;
};

}  // namespace reelflow::source_kit
