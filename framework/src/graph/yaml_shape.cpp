#include "graph/yaml_shape.hpp"

namespace reelflow::framework {
namespace {

class ShapeWalk {
 public:
  explicit ShapeWalk(const YamlShapeLimits& limits) : limits_(limits) {}

  // False once a limit is passed; the recursion is at most max_depth deep.
  bool visit(const YAML::Node& node, int depth) {
    if (depth > limits_.max_depth) return stop(node, YamlShapeVerdict::TooDeep);
    if (++nodes_ > limits_.max_nodes) return stop(node, YamlShapeVerdict::TooManyNodes);
    if (node.IsSequence()) {
      for (const auto& item : node)
        if (!visit(item, depth + 1)) return false;
    } else if (node.IsMap()) {
      for (const auto& kv : node)
        if (!visit(kv.first, depth + 1) || !visit(kv.second, depth + 1)) return false;
    }
    return true;
  }

  const YamlShape& shape() const { return shape_; }

 private:
  bool stop(const YAML::Node& node, YamlShapeVerdict verdict) {
    shape_.verdict = verdict;
    shape_.where = node.Mark();
    return false;
  }

  const YamlShapeLimits& limits_;
  std::size_t nodes_ = 0;
  YamlShape shape_;
};

}  // namespace

YamlShape measure_yaml_shape(const YAML::Node& root, const YamlShapeLimits& limits) {
  ShapeWalk walk(limits);
  walk.visit(root, 1);
  return walk.shape();
}

}  // namespace reelflow::framework
