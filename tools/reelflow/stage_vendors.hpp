#pragma once
// Stage types grouped by vendor, for `reelflow plugins`: a type named `acme.watermark`
// is acme's; an unprefixed one is a built-in, reelflow's (docs/plugin-guide.md,
// "Name your types so they cannot clash").
#include <map>
#include <string>
#include <vector>

namespace reelflow::cli {

inline constexpr const char* kBuiltInVendor = "reelflow";

// The vendor prefix of a stage type name (before its dot), or kBuiltInVendor.
std::string vendor_of(const std::string& type_name);

// Type names by vendor; each vendor's names sorted, vendors in name order.
std::map<std::string, std::vector<std::string>> group_by_vendor(const std::vector<std::string>& type_names);

}  // namespace reelflow::cli
