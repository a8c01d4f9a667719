#include "plugins/plugin_index.hpp"

#include <reelflow/atomic_file.hpp>
#include <reelflow/version.hpp>

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

namespace reelflow::framework {
namespace {

using nlohmann::json;

constexpr int kFormat = 1;

// Records hold C++ layouts' worth of meaning (port and param kinds), so an index
// written by a runtime of another SDK ABI is not trusted.
std::string runtime_abi() { return std::to_string(kSdkAbiMajor) + "." + std::to_string(kSdkAbiMinor); }

// The "plugins" object of the file, or an empty object when it is missing or unusable.
json read_plugins(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return json::object();
  json j = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || j.value("format", 0) != kFormat || j.value("runtime_abi", "") != runtime_abi() ||
      !j.contains("plugins") || !j["plugins"].is_object()) {
    spdlog::debug("plugin index {} ignored: not an index of this runtime", file.string());
    return json::object();
  }
  return j["plugins"];
}

PluginFileKey key_from_json(const std::string& path, const json& j) {
  return {path, j.at("size").get<std::uintmax_t>(), j.at("mtime_ns").get<std::int64_t>(), j.at("inode").get<std::uint64_t>()};
}

json entry_to_json(const PluginFileKey& key, const PluginRecord& record) {
  return {{"size", key.size}, {"mtime_ns", key.mtime_ns}, {"inode", key.inode}, {"plugin", plugin_record_to_json(record)}};
}

bool still_current(const std::string& path, const json& entry) {
  try {
    const auto now = PluginFileKey::of(path);
    return now && *now == key_from_json(path, entry);
  } catch (const json::exception&) {
    return false;
  }
}

}  // namespace

PluginIndex::PluginIndex(std::filesystem::path file) : file_(std::move(file)) {
  const json plugins = read_plugins(file_);
  for (const auto& [path, entry] : plugins.items()) {
    try {
      entries_.insert_or_assign(path, Entry{key_from_json(path, entry), plugin_record_from_json(entry.at("plugin"))});
    } catch (const std::exception& e) {
      spdlog::debug("plugin index {}: entry for {} ignored: {}", file_.string(), path, e.what());
    }
  }
}

const PluginRecord* PluginIndex::find(const PluginFileKey& key) const {
  auto it = entries_.find(key.path);
  return it != entries_.end() && it->second.key == key ? &it->second.record : nullptr;
}

void PluginIndex::put(const PluginFileKey& key, PluginRecord record) {
  Entry entry{key, std::move(record)};
  changed_.insert_or_assign(key.path, entry);
  entries_.insert_or_assign(key.path, std::move(entry));
}

bool PluginIndex::save() {
  if (changed_.empty()) return true;
  try {
    const json on_disk = read_plugins(file_);
    json plugins = json::object();
    for (const auto& [path, entry] : on_disk.items())
      if (!changed_.count(path) && still_current(path, entry)) plugins[path] = entry;
    for (const auto& [path, entry] : changed_) plugins[path] = entry_to_json(entry.key, entry.record);
    const json index = {{"format", kFormat}, {"runtime_abi", runtime_abi()}, {"plugins", std::move(plugins)}};

    AtomicFile out(file_);
    {
      std::ofstream stream(out.temp_path(), std::ios::binary);
      stream << index.dump(1) << "\n";
      stream.close();
      if (!stream) throw std::runtime_error("cannot write " + out.temp_path().string());
    }
    out.commit();
    changed_.clear();
    return true;
  } catch (const std::exception& e) {
    spdlog::debug("plugin index {} not written: {}", file_.string(), e.what());
    return false;
  }
}

}  // namespace reelflow::framework
