#pragma once
// The stage cache: the outputs of successful stages, by key (stage_cache_key.hpp),
// under <cache_dir>/stages/<key>/:
//   outputs.json  the output values; file paths recorded as "@out/<rel>" (a file
//                 under the run's output dir, copied to out/<rel>) or
//                 "@entry/files/<n>-<name>" (any other file, e.g. in the work dir)
//   meta.json     type, plugin, version, stage id, creation time
//   out/, files/  the copies
// An entry is built in a temp dir beside it and renamed into place, so a crash
// leaves either the whole entry or none (temps are ignored and removed by
// `reelflow cache clean`). Secrets are never written.
#include <reelflow/stage_spec.hpp>
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework {

struct StageCacheMeta {
  std::string stage_id;
  std::string type;
  std::string plugin;
  std::string version;
};

class StageCache {
 public:
  // Entries live in <cache_dir>/stages; restored files go to `output_dir`.
  StageCache(const std::filesystem::path& cache_dir, std::filesystem::path output_dir);

  const std::filesystem::path& root() const { return root_; }

  // The outputs stored under `key`, checked against `spec`: files recorded under
  // the output dir are copied back into it (atomically), the others point into
  // the entry. nullopt on a miss; `problem` is set when an entry exists but is
  // unusable (bad JSON, a missing or truncated file), which is also a miss.
  std::optional<std::map<std::string, Value>> restore(const std::string& key, const StageSpec& spec,
                                                      std::string& problem) const;

  // Stores a successful stage's outputs under `key`, all or nothing. Replaces an
  // unusable entry; keeps a usable one (another run stored the same thing). An
  // error says why nothing was stored; the run goes on either way.
  Status store(const std::string& key, const StageCacheMeta& meta, const std::map<std::string, Value>& outputs,
               const std::vector<std::string>& secrets) const;

 private:
  std::filesystem::path root_;        // absolute
  std::filesystem::path output_dir_;  // as the stages see it
};

}  // namespace reelflow::framework
