#include "cache/stage_cache_entry.hpp"

#include <fstream>
#include <string_view>

namespace reelflow::framework {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kOutPrefix = "@out/";
constexpr std::string_view kEntryPrefix = "@entry/";
const char* const kWorkDirName = ".reelflow-work";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// A relative path that stays inside its base: no root, no "..", not empty.
std::optional<fs::path> safe_relative(std::string_view text) {
  fs::path rel = fs::path(text).lexically_normal();
  if (rel.empty() || rel.is_absolute() || rel.has_root_name() || rel == ".") return std::nullopt;
  for (const auto& part : rel)
    if (part == "..") return std::nullopt;
  return rel;
}

}  // namespace

EntryFileRecorder::EntryFileRecorder(fs::path entry_dir, const fs::path& output_dir)
    : entry_dir_(std::move(entry_dir)), output_dir_(fs::weakly_canonical(fs::absolute(output_dir))) {}

void EntryFileRecorder::record(std::string& path, PathSlot slot) {
  if (path.empty()) return;
  std::error_code ec;
  // A link is never followed: it could lead the copy out of the run's own files.
  if ((slot == PathSlot::Field || fs::path(path).is_absolute()) &&
      fs::symlink_status(path, ec).type() == fs::file_type::regular) {
    if (auto recorded = copy_in(path, slot)) {
      path = *recorded;
      return;
    }
  }
  if (path[0] == '@') path = "@" + path;  // an ordinary string that happens to start with '@'
}

std::optional<std::string> EntryFileRecorder::copy_in(const std::string& path, PathSlot slot) {
  const fs::path source(path);
  const fs::path resolved = fs::weakly_canonical(fs::absolute(source).parent_path()) / source.filename();
  if (auto it = recorded_.find(resolved.string()); it != recorded_.end()) return it->second;
  std::string recorded;
  fs::path copy;
  const fs::path rel = resolved.lexically_relative(output_dir_);
  const bool inside = !rel.empty() && *rel.begin() != ".." && !rel.is_absolute();
  const bool in_work = inside && *rel.begin() == kWorkDirName;
  if (inside && !in_work) {
    recorded = std::string(kOutPrefix) + rel.generic_string();
    copy = entry_dir_ / "out" / rel;
  } else if (slot == PathSlot::Text || !in_work) {
    // Not a file this run made (an input the graph named, a location outside the
    // output dir): kept as a reference, never copied into the cache.
    return std::nullopt;
  } else {
    const std::string name = std::to_string(next_++) + "-" + source.filename().string();
    recorded = std::string(kEntryPrefix) + "files/" + name;
    copy = entry_dir_ / "files" / name;
  }
  fs::create_directories(copy.parent_path());
  fs::copy_file(resolved, copy, fs::copy_options::overwrite_existing);
  files_[recorded] = {{"size", fs::file_size(copy)}};
  recorded_[resolved.string()] = recorded;
  return recorded;
}

bool EntryManifest::resolve(std::string& path, const fs::path& output_dir,
                            std::map<fs::path, fs::path>& to_restore) const {
  if (path.empty() || path[0] != '@') return true;
  if (starts_with(path, "@@")) {
    path.erase(0, 1);
    return true;
  }
  auto it = files.find(path);
  if (it == files.end()) return false;
  if (it->second.in_output) {
    const fs::path destination = output_dir / *it->second.in_output;
    to_restore[it->second.stored] = destination;
    path = destination.string();
  } else {
    path = it->second.stored.string();
  }
  return true;
}

std::optional<EntryManifest> read_entry_manifest(const fs::path& entry_dir, std::string& problem) {
  std::ifstream in(entry_dir / "outputs.json", std::ios::binary);
  if (!in) {
    problem = "outputs.json cannot be read";
    return std::nullopt;
  }
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {
    problem = std::string("outputs.json is not valid JSON: ") + e.what();
    return std::nullopt;
  }
  if (!j.is_object() || j.value("format", 0) != kStageCacheEntryFormat || !j.contains("outputs") ||
      !j["outputs"].is_object() || !j.contains("files") || !j["files"].is_object()) {
    problem = "outputs.json has an unknown layout";
    return std::nullopt;
  }
  EntryManifest m;
  m.outputs = j["outputs"];
  for (const auto& [name, info] : j["files"].items()) {
    EntryFile file;
    std::optional<fs::path> rel;
    if (starts_with(name, kOutPrefix)) {
      file.in_output = safe_relative(std::string_view(name).substr(kOutPrefix.size()));
      if (file.in_output) rel = "out" / *file.in_output;
    } else if (starts_with(name, kEntryPrefix)) {
      rel = safe_relative(std::string_view(name).substr(kEntryPrefix.size()));
    }
    if (!rel || !info.is_object() || !info.contains("size") || !info["size"].is_number_unsigned()) {
      problem = "outputs.json records a bad file '" + name + "'";
      return std::nullopt;
    }
    file.stored = entry_dir / *rel;
    std::error_code ec;
    if (!fs::is_regular_file(file.stored, ec) || fs::file_size(file.stored, ec) != info["size"].get<std::uintmax_t>()) {
      problem = "file '" + name + "' is missing or truncated";
      return std::nullopt;
    }
    m.files[name] = std::move(file);
  }
  return m;
}

}  // namespace reelflow::framework
