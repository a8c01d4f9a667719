#pragma once
// Keys written twice in one YAML mapping. yaml-cpp keeps both and a lookup sees
// only the first, so `timeout: 5m` followed by `timeout: 1s` would silently mean
// 5m: the loader reports each repeat instead. Call after measure_yaml_shape()
// said the document fits (the walk follows aliases).
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace reelflow::framework {

struct DuplicateKey {
  std::string key;
  YAML::Mark where;  // the repeat
  YAML::Mark first;  // the first use
};

std::vector<DuplicateKey> find_duplicate_keys(const YAML::Node& root);

}  // namespace reelflow::framework
