#pragma once
// `--set name=value` items as a variable map.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::cli {

// nullopt (and the reason on stderr) when an item is not name=value.
std::optional<std::map<std::string, std::string>> parse_assignments(const std::vector<std::string>& items);

}  // namespace reelflow::cli
