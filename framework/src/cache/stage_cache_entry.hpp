#pragma once
// The files of one stage cache entry (layout in stage_cache.hpp): recording
// the files an output value names while an entry is built, and reading an
// entry's outputs.json back with every recorded file checked.
#include "graph/value_paths.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace reelflow::framework {

inline constexpr int kStageCacheEntryFormat = 1;

// Copies the files of output values into an entry being built at `entry_dir`
// and rewrites their paths to the names outputs.json records.
class EntryFileRecorder {
 public:
  EntryFileRecorder(std::filesystem::path entry_dir, const std::filesystem::path& output_dir);

  // One path slot of an output value (for_each_path): a file becomes "@out/<rel>"
  // or "@entry/files/<n>-<name>"; any other string starting with '@' gets a second '@'.
  void record(std::string& path, PathSlot slot);

  // {recorded name: {"size": bytes}} for outputs.json.
  const nlohmann::json& files() const { return files_; }

 private:
  std::optional<std::string> copy_in(const std::string& path, PathSlot slot);

  std::filesystem::path entry_dir_;
  std::filesystem::path output_dir_;  // canonical
  nlohmann::json files_ = nlohmann::json::object();
  std::map<std::string, std::string> recorded_;  // source → recorded name
  unsigned next_ = 0;
};

struct EntryFile {
  std::filesystem::path stored;                  // the copy inside the entry
  std::optional<std::filesystem::path> in_output;  // "@out/<rel>": rel, where it is restored to
};

// An entry's outputs.json whose recorded files are all present with their sizes.
struct EntryManifest {
  nlohmann::json outputs;                  // port → value JSON with recorded names
  std::map<std::string, EntryFile> files;  // recorded name → file

  // Turns a recorded path slot back into a path; false when it names no recorded file.
  bool resolve(std::string& path, const std::filesystem::path& output_dir,
               std::map<std::filesystem::path, std::filesystem::path>& to_restore) const;
};

// nullopt with `problem` set when the entry is unreadable or incomplete.
std::optional<EntryManifest> read_entry_manifest(const std::filesystem::path& entry_dir, std::string& problem);

}  // namespace reelflow::framework
