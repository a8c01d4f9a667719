#pragma once
// A stream segment is cached as a whole: what flows between its members is not a
// value the cache could hold, so a member's result depends on every member
// upstream of it. Each member's entry is keyed by the whole segment: every
// member's own key (stage_cache_key) and the edges between them. A segment is
// restored only when every member's entry is there.
#include "cache/stage_cache_key.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework {

struct SegmentEdgeIdentity {
  std::string from;  // member stage ids and ports
  std::string from_port;
  std::string to;
  std::string to_port;
  // The edge's queue: a leaky one drops buffers by timing, so its segment is never
  // cached; the limits are in the key all the same.
  std::uint64_t max_time_ms = 0;
  std::uint32_t max_buffers = 0;
  bool leaky = false;
};

struct SegmentMemberKeys {
  std::vector<std::string> keys;    // one per member, in member order; empty when not cached
  std::string not_cached_because;
};

// `members[i]` is the key of the member whose id is `ids[i]`.
SegmentMemberKeys segment_member_keys(const std::vector<std::string>& ids, const std::vector<StageKey>& members,
                                      const std::vector<SegmentEdgeIdentity>& edges);

}  // namespace reelflow::framework
