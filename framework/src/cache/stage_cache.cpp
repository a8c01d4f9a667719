#include "cache/stage_cache.hpp"

#include "cache/stage_cache_entry.hpp"
#include "cache/stage_cache_key.hpp"
#include "graph/value_paths.hpp"

#include "graph/value_json.hpp"

#include <reelflow/atomic_file.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace reelflow::framework {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path unique_sibling(const fs::path& root, const std::string& key, const char* what) {
  static std::atomic<unsigned> counter{0};
  return root / ("." + std::string(what) + "-" + key + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

std::string now_utc() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream s;
  s << std::put_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return s.str();
}

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write '" + file.string() + "'");
}

}  // namespace

StageCache::StageCache(const fs::path& cache_dir, fs::path output_dir)
    : root_(fs::absolute(cache_dir / "stages")), output_dir_(std::move(output_dir)) {}

std::optional<std::map<std::string, Value>> StageCache::restore(const std::string& key, const StageSpec& spec,
                                                                std::string& problem) const {
  problem.clear();
  const fs::path entry = root_ / key;
  std::error_code ec;
  if (!fs::exists(entry / "outputs.json", ec)) return std::nullopt;
  auto manifest = read_entry_manifest(entry, problem);
  if (!manifest) return std::nullopt;
  // Marks the entry as used now, for trim_stage_cache's least-recently-used order.
  fs::last_write_time(entry / "outputs.json", fs::file_time_type::clock::now(), ec);

  std::map<std::string, Value> outputs;
  std::map<fs::path, fs::path> to_restore;  // entry file → output dir destination
  for (const auto& port : spec.outputs()) {
    if (port.is_stream()) continue;
    if (!manifest->outputs.contains(port.name)) {
      if (!port.required) continue;  // an optional output the stage did not set
      problem = "output '" + port.name + "' is missing";
      return std::nullopt;
    }
    Value value;
    try {
      value = value_from_json(manifest->outputs[port.name]);
    } catch (const std::exception& e) {
      problem = "output '" + port.name + "': " + e.what();
      return std::nullopt;
    }
    if (value_type_of(value) != port.type) {
      problem = "output '" + port.name + "' has the wrong type";
      return std::nullopt;
    }
    bool resolved = true;
    for_each_path(value, [&](std::string& path, PathSlot) {
      resolved = resolved && manifest->resolve(path, output_dir_, to_restore);
    });
    if (!resolved) {
      problem = "output '" + port.name + "' names an unrecorded file";
      return std::nullopt;
    }
    outputs[port.name] = std::move(value);
  }
  // Every stored output must be one of the stage's value outputs (an optional one
  // it did not set is simply absent; stream outputs are never stored).
  for (const auto& [name, stored] : manifest->outputs.items()) {
    const PortSpec* port = spec.find_output(name);
    if (!port || port->is_stream()) {
      problem = "outputs.json has output '" + name + "', which the stage does not declare";
      return std::nullopt;
    }
  }
  try {
    for (const auto& [source, destination] : to_restore) {
      AtomicFile file(destination);
      fs::copy_file(source, file.temp_path(), fs::copy_options::overwrite_existing);
      file.commit();
    }
  } catch (const std::exception& e) {
    problem = std::string("cannot restore a file: ") + e.what();
    return std::nullopt;
  }
  return outputs;
}

Status StageCache::store(const std::string& key, const StageCacheMeta& meta, const std::map<std::string, Value>& outputs,
                         const std::vector<std::string>& secrets) const {
  const fs::path entry = root_ / key;
  const fs::path temp = unique_sibling(root_, key, "tmp");
  std::error_code ec;
  try {
    fs::create_directories(temp);
    EntryFileRecorder files(temp, output_dir_);
    json values = json::object();
    for (const auto& [port, value] : outputs) {
      Value copy = value;
      for_each_path(copy, [&](std::string& path, PathSlot slot) { files.record(path, slot); });
      values[port] = value_to_json(copy);
    }
    const std::string manifest =
        json{{"format", kStageCacheEntryFormat}, {"outputs", values}, {"files", files.files()}}.dump(2);
    const std::string info = json{{"stage", meta.stage_id},   {"type", meta.type}, {"plugin", meta.plugin},
                                  {"version", meta.version}, {"created", now_utc()}}.dump(2);
    if (contains_secret(manifest, secrets) || contains_secret(info, secrets)) {
      fs::remove_all(temp, ec);
      return Status::error("the outputs contain a secret; not cached");
    }
    write_text(temp / "outputs.json", manifest);
    write_text(temp / "meta.json", info);
  } catch (const std::exception& e) {
    fs::remove_all(temp, ec);
    return Status::error(std::string("cannot write the cache entry: ") + e.what());
  }

  fs::rename(temp, entry, ec);
  std::error_code exists_ec;
  if (ec && fs::exists(entry, exists_ec)) {
    std::string problem;
    if (read_entry_manifest(entry, problem)) {  // another run stored it first
      fs::remove_all(temp, ec);
      return Status::ok();
    }
    // An unusable entry: move it aside (renames are atomic; readers see it or nothing), then replace it.
    const fs::path stale = unique_sibling(root_, key, "stale");
    fs::rename(entry, stale, ec);
    fs::remove_all(stale, ec);
    fs::rename(temp, entry, ec);
  }
  if (ec) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    return Status::error("cannot store the cache entry: " + ec.message());
  }
  return Status::ok();
}

}  // namespace reelflow::framework
