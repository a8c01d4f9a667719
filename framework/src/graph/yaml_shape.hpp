#pragma once
// How deep and how big a parsed YAML document is, counted the way code that walks
// it sees it: an alias counts again each time it is used, and an alias inside its
// own anchor (&a [*a]) nests forever. Walking stops at the limits, so a hostile
// document cannot make the walk itself run away.
#include <yaml-cpp/yaml.h>

#include <cstddef>

namespace reelflow::framework {

struct YamlShapeLimits {
  int max_depth;          // the root is at depth 1
  std::size_t max_nodes;  // every node, key and value, each alias use counted
};

enum class YamlShapeVerdict { Fits, TooDeep, TooManyNodes };

struct YamlShape {
  YamlShapeVerdict verdict = YamlShapeVerdict::Fits;
  YAML::Mark where;  // the first node past the limit (when it has a mark)
};

YamlShape measure_yaml_shape(const YAML::Node& root, const YamlShapeLimits& limits);

}  // namespace reelflow::framework
