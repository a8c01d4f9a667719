#include "plugins/plugin_loader.hpp"

#include "cache/file_digest.hpp"
#include "plugins/plugin_index.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/plugin_opener.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

namespace reelflow::framework {
namespace {

// A record the index can serve back exactly: every spec survives the JSON round
// trip (a NaN default, say, would not, so such a plugin is simply never indexed).
bool indexable(const PluginRecord& record) {
  try {
    const PluginRecord back = plugin_record_from_json(plugin_record_to_json(record));
    return plugin_record_difference(record, back).empty();
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

PluginLoader::PluginLoader(StageRegistry& registry, std::filesystem::path index_file) : registry_(registry) {
  if (!index_file.empty()) index_ = std::make_unique<PluginIndex>(std::move(index_file));
}

PluginLoader::~PluginLoader() = default;

void PluginLoader::load_directories(const std::vector<std::filesystem::path>& directories) {
  std::set<std::filesystem::path> seen;
  for (const auto& dir : directories) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> libraries;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".so") libraries.push_back(entry.path());
    }
    std::sort(libraries.begin(), libraries.end());
    for (const auto& lib : libraries) {
      auto canonical = std::filesystem::weakly_canonical(lib, ec);
      if (!seen.insert(ec ? lib : canonical).second) continue;
      load_one(lib);
    }
  }
  save_index();
}

bool PluginLoader::load_library(const std::filesystem::path& path) {
  const bool ok = load_one(path);
  save_index();
  return ok;
}

bool PluginLoader::load_one(const std::filesystem::path& path) {
  const auto key = index_ ? PluginFileKey::of(path) : std::nullopt;
  if (key) {
    if (const PluginRecord* record = index_->find(*key))
      return register_types(path, *record, std::make_shared<PluginLibrary>(path, *record));
  }

  ++libraries_opened_;
  OpenedPlugin opened = open_plugin(path);
  if (!opened.ok()) {
    // Not indexed: a failed file is tried again at every start-up, so its reason is always current.
    failures_.push_back({path.string(), opened.failure});
    return false;
  }
  // A stage type whose setup() threw is left out; the file is not indexed, so it is reported at every start-up.
  const bool all_set_up = opened.setup_failures.empty();
  opened.record.build_id = file_sha256(path).value_or("");
  for (const auto& why : opened.setup_failures) failures_.push_back({path.string(), why});
  if (key && all_set_up && indexable(opened.record)) index_->put(*key, opened.record);
  const PluginRecord record = opened.record;
  const bool all_added = register_types(path, record, std::make_shared<PluginLibrary>(path, std::move(opened)));
  return all_added && all_set_up;
}

bool PluginLoader::register_types(const std::filesystem::path& path, const PluginRecord& record,
                                  const std::shared_ptr<PluginLibrary>& library) {
  auto plugin = std::make_shared<PluginInfo>();
  plugin->name = record.name;
  plugin->version = record.version;
  plugin->description = record.description;
  plugin->path = path.string();
  plugin->abi_major = record.abi_major;
  plugin->abi_minor = record.abi_minor;
  plugin->build_id = record.build_id;

  bool all_added = true;
  const auto taken_by = [](const std::shared_ptr<const PluginInfo>& owner) {
    if (!owner) return std::string("the runtime (a built-in type)");
    return "plugin '" + owner->name + "'" + (owner->path.empty() ? "" : " (" + owner->path + ")");
  };
  for (const auto& value_type : record.value_types) {
    if (const auto* existing = registry_.find_value_type(value_type.name)) {
      failures_.push_back({path.string(), "value type '" + value_type.name + "' is already provided by " +
                                              taken_by(existing->plugin)});
      all_added = false;
      continue;
    }
    std::shared_ptr<const ValueSchema> schema;
    if (!value_type.json_schema.empty()) {
      auto compiled = ValueSchema::compile(value_type.json_schema);
      if (auto* why = std::get_if<std::string>(&compiled)) {
        failures_.push_back({path.string(), "value type '" + value_type.name + "': its JSON schema cannot be enforced: " + *why});
        all_added = false;
        continue;
      }
      schema = std::make_shared<const ValueSchema>(std::move(std::get<ValueSchema>(compiled)));
    }
    registry_.add_value_type({value_type.name, value_type.doc, value_type.json_schema, plugin, std::move(schema)});
    plugin->value_types.push_back(value_type.name);
  }
  for (const auto& indexed : record.stage_types) {
    if (const auto* existing = registry_.find(indexed.name)) {
      failures_.push_back({path.string(), "stage type '" + indexed.name + "' is already provided by " +
                                              taken_by(existing->plugin) + "; name it '" + record.name + "." +
                                              indexed.name + "' to keep both"});
      all_added = false;
      continue;
    }
    StageType type;
    type.name = indexed.name;
    type.spec = indexed.spec;
    type.has_check = indexed.has_check;
    type.has_stream_caps = indexed.has_stream_caps;
    type.plugin = plugin;
    type.library = library;
    plugin->stage_types.push_back(type.name);
    registry_.add(std::move(type));
  }
  if (!plugin->stage_types.empty() || !record.value_types.empty()) plugins_.push_back(plugin);
  return all_added;
}

void PluginLoader::save_index() {
  if (index_) index_->save();
}

std::vector<std::filesystem::path> default_plugin_directories() {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("REELFLOW_PLUGIN_PATH")) {
    std::stringstream ss(env);
    std::string item;
    while (std::getline(ss, item, ':'))
      if (!item.empty()) dirs.emplace_back(item);
  }
  // Installed layout: <prefix>/bin/reelflow → <prefix>/lib/reelflow/plugins; also beside the
  // runtime library itself.
  boost::dll::fs::error_code ec;
  const auto self = boost::dll::this_line_location(ec);
  if (ec) return dirs;
  const std::filesystem::path lib_dir = self.parent_path().string();
  // A runtime library still in its build tree uses that tree's plugins; an
  // installed one uses the installation's only.
  const std::string build_root = REELFLOW_BUILD_ROOT;
  if (lib_dir.string().rfind(build_root, 0) == 0) {
    dirs.emplace_back(REELFLOW_BUILD_PLUGIN_DIR_DEFAULT);
  } else {
    dirs.push_back(lib_dir / "reelflow" / "plugins");
  }
  return dirs;
}

std::filesystem::path plugin_index_file(const std::filesystem::path& cache_dir) {
  if (const char* env = std::getenv("REELFLOW_PLUGIN_INDEX")) {
    const std::string value = env;
    if (value == "off" || value == "0" || value == "no" || value == "false") return {};
  }
  return cache_dir / PluginIndex::kFileName;
}

}  // namespace reelflow::framework
