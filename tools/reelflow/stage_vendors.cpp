#include "stage_vendors.hpp"

#include <algorithm>

namespace reelflow::cli {

std::string vendor_of(const std::string& type_name) {
  const auto dot = type_name.find('.');
  return dot == std::string::npos || dot == 0 ? kBuiltInVendor : type_name.substr(0, dot);
}

std::map<std::string, std::vector<std::string>> group_by_vendor(const std::vector<std::string>& type_names) {
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& name : type_names) groups[vendor_of(name)].push_back(name);
  for (auto& [vendor, names] : groups) std::sort(names.begin(), names.end());
  return groups;
}

}  // namespace reelflow::cli
