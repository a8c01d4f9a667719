#include "cache/segment_cache_key.hpp"

#include "cache/sha256.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::framework {

SegmentMemberKeys segment_member_keys(const std::vector<std::string>& ids, const std::vector<StageKey>& members,
                                      const std::vector<SegmentEdgeIdentity>& edges) {
  SegmentMemberKeys out;
  nlohmann::json doc = {{"format", "segment-1"}, {"members", nlohmann::json::array()}, {"edges", nlohmann::json::array()}};
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!members[i].document) {
      out.not_cached_because = "stage '" + ids[i] + "' is not cached: " + members[i].not_cached_because;
      return out;
    }
    doc["members"].push_back({ids[i], members[i].key});
  }
  for (const auto& e : edges) {
    if (e.leaky) {
      out.not_cached_because = "the queue from '" + e.from + "." + e.from_port + "' to '" + e.to + "." + e.to_port +
                               "' is leaky: what it drops depends on timing";
      return out;
    }
    doc["edges"].push_back({e.from, e.from_port, e.to, e.to_port, e.max_time_ms, e.max_buffers});
  }
  const std::string segment = sha256_hex(doc.dump());
  for (const auto& id : ids) out.keys.push_back(sha256_hex(segment + "/" + id));
  return out;
}

}  // namespace reelflow::framework
