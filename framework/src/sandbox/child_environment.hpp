#pragma once
// A confined child's environment, built from nothing: a fixed PATH and locale,
// TMPDIR in the run's scratch area, HOME and caches in the cache dir, the
// sanitizer and GStreamer plugin-path settings the operator set, and exactly
// the variables the graph reads with ${env:NAME}. No API token, no Redis URL.
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace reelflow::framework::sandbox {

struct ChildEnvironmentInputs {
  // Not per run: GStreamer hashes $HOME into its plugins' dependencies
  // (frei0r, LADSPA, LV2), so a new HOME would make every job rescan the
  // plugins and rewrite the registry (~1 s, 1.2 MB).
  std::filesystem::path home;
  std::filesystem::path tmp;  // empty: no TMPDIR (a warm spare's, until its job sets one)
  std::filesystem::path cache_dir;
  std::set<std::string> graph_names;  // Graph::environment_names
};

using EnvironmentLookup = std::function<const char*(const char*)>;

// NAME=value entries; `lookup` reads the caller's environment (std::getenv).
std::vector<std::string> child_environment(const ChildEnvironmentInputs& inputs,
                                           const EnvironmentLookup& lookup);

}  // namespace reelflow::framework::sandbox
