#pragma once
// The stage cache's key: the SHA-256 of a canonical JSON document of what
// decides a stage's outputs: its id, type, plugin and plugin version, its
// params (secret ones left out; a param naming a file stands for the file's
// content) and its inputs (paths of files replaced by their content hashes, so
// the run-specific work dirs do not matter but the bytes do).
#include <reelflow/param.hpp>
#include <reelflow/scene_redo.hpp>
#include <reelflow/value.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework {

struct StageType;

struct StageKeyInput {
  std::string stage_id;
  const StageType* type = nullptr;
  const ParamSet* params = nullptr;
  const std::vector<std::string>* secrets = nullptr;  // PlannedStage::secrets
  std::map<std::string, const Value*> inputs;
  // A run's redo for a stage that redoes scenes: its scenes and take join the key
  // (scene numbers and a count: nothing secret); null or empty keeps the key as it was.
  const SceneRedo* redo = nullptr;
};

struct StageKey {
  std::optional<nlohmann::json> document;  // empty: the stage is not cached this time
  std::string key;                          // 64 hex digits
  std::string not_cached_because;           // why, when document is empty
};

StageKey stage_cache_key(const StageKeyInput& input);

// A value as the key sees it: value_to_json with every path of an existing
// regular file replaced by "sha256:<content hash>".
nlohmann::json value_identity(const Value& value);

// True when `text` (e.g. a JSON document) contains one of the secrets, raw or
// JSON-escaped. Secrets shorter than 4 characters are ignored, as by redact().
bool contains_secret(const std::string& text, const std::vector<std::string>& secrets);

}  // namespace reelflow::framework
