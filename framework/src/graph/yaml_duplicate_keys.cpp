#include "graph/yaml_duplicate_keys.hpp"

#include <map>
#include <set>
#include <utility>

namespace reelflow::framework {
namespace {

void walk(const YAML::Node& node, std::vector<DuplicateKey>& out, std::set<std::pair<int, int>>& reported) {
  if (node.IsSequence()) {
    for (const auto& item : node) walk(item, out, reported);
  } else if (node.IsMap()) {
    std::map<std::string, YAML::Mark> seen;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        const auto [it, inserted] = seen.emplace(kv.first.Scalar(), kv.first.Mark());
        // An alias walks the same mapping again: report each repeat once.
        if (!inserted && reported.emplace(kv.first.Mark().line, kv.first.Mark().column).second)
          out.push_back({kv.first.Scalar(), kv.first.Mark(), it->second});
      }
      walk(kv.second, out, reported);
    }
  }
}

}  // namespace

std::vector<DuplicateKey> find_duplicate_keys(const YAML::Node& root) {
  std::vector<DuplicateKey> out;
  std::set<std::pair<int, int>> reported;
  walk(root, out, reported);
  return out;
}

}  // namespace reelflow::framework
