#pragma once
// The persistent plugin index (<cache-dir>/plugin-index-v2.json), like
// GStreamer's registry cache: for each plugin file, keyed by its path, size,
// mtime and inode, what it provides. A file whose key matches is not opened at
// start-up; its stage types are registered from here and the library is opened
// when one of them is first used.
#include "plugins/plugin_file_key.hpp"
#include "plugins/plugin_record.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace reelflow::framework {

class PluginIndex {
 public:
  static constexpr const char* kFileName = "plugin-index-v2.json";

  // Reads `file`. A missing, unreadable, corrupt or other-ABI index reads as
  // empty: it only saves time, so it is never an error.
  explicit PluginIndex(std::filesystem::path file);

  const std::filesystem::path& file() const { return file_; }
  // The record of exactly this version of the file, or null.
  const PluginRecord* find(const PluginFileKey& key) const;
  void put(const PluginFileKey& key, PluginRecord record);

  // Writes the index if put() changed it, merged with what is in the file now
  // (another process may have written it meanwhile), without entries whose
  // file changed or went away; temp file + rename, so readers never see half a
  // file and concurrent writers cost at most a re-index. False when it cannot
  // be written (a read-only cache dir): the next start-up opens the files again.
  bool save();

 private:
  struct Entry {
    PluginFileKey key;
    PluginRecord record;
  };

  std::filesystem::path file_;
  std::map<std::string, Entry> entries_;  // by absolute path
  std::map<std::string, Entry> changed_;  // put() since the file was read
};

}  // namespace reelflow::framework
