// The plugin index: a warm index registers stage types without opening their
// plugins (checked in /proc/self/maps), a lazy type opens exactly its plugin on
// first use, changed files and corrupt indexes are handled, and what the index
// serves equals what the plugins declare.
//
// A plugin opened in this process stays mapped (RTLD_NODELETE), so each test
// works on its own copies of the test plugins and warms the index in a forked
// child: the copies are mapped here only if this process opens them.
#include "plugins/plugin_index.hpp"
#include "plugins/stage_spec_json.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <latch>
#include <thread>

namespace reelflow::testing {
namespace {

namespace fs = std::filesystem;
using framework::PluginLoader;
using framework::StageRegistry;

const fs::path kStages = test_plugin_dir("good") / "libreelflow_test_stages.so";
const fs::path kProbe = test_plugin_dir("lazy") / "libreelflow_test_lazy_probe.so";

bool is_mapped(const fs::path& file) {
  std::ifstream maps("/proc/self/maps");
  const std::string text((std::istreambuf_iterator<char>(maps)), std::istreambuf_iterator<char>());
  return text.find(fs::canonical(file).string()) != std::string::npos;
}

// A copy of a test plugin under a name of this test's own.
fs::path copy_plugin(const fs::path& from, const fs::path& dir, const std::string& name) {
  fs::create_directories(dir);
  const fs::path to = dir / name;
  fs::remove(to);  // a new inode, never a rewrite of a file some process may have mapped
  fs::copy_file(from, to);
  return to;
}

// Loads `dirs` with the index in a child process, which writes the index; this
// process maps nothing.
void warm_index_in_child(const std::vector<fs::path>& dirs, const fs::path& index_file) {
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    StageRegistry registry;
    PluginLoader loader(registry, index_file);
    loader.load_directories(dirs);
    ::_exit(fs::exists(index_file) ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the child did not write " << index_file;
}

nlohmann::json read_json(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

framework::ValidationResult validate(const StageRegistry& registry, const std::string& yaml) {
  auto loaded = framework::GraphLoader().load_string(yaml, "g.yaml");
  EXPECT_TRUE(loaded.ok());
  return framework::GraphValidator(registry).validate(std::move(*loaded.graph));
}

std::vector<std::string> failure_lines(const PluginLoader& loader) {
  std::vector<std::string> out;
  for (const auto& f : loader.failures()) out.push_back(f.to_string());
  return out;
}

class PluginIndexTest : public ::testing::Test {
 protected:
  TempDir dir{"reelflow-plugin-index"};
  const fs::path plugins = dir / "plugins";
  const fs::path index_file = dir / "cache" / framework::PluginIndex::kFileName;
};

TEST_F(PluginIndexTest, FirstLoadOpensEveryPluginAndWritesTheIndex) {
  const auto stages = copy_plugin(kStages, plugins, "libfirst_stages.so");
  StageRegistry registry;
  PluginLoader loader(registry, index_file);
  loader.load_directories({plugins});
  EXPECT_EQ(loader.libraries_opened(), 1u);
  EXPECT_TRUE(is_mapped(stages));
  ASSERT_TRUE(fs::exists(index_file));

  const auto index = read_json(index_file);
  const auto& entry = index.at("plugins").at(fs::absolute(stages).string());
  EXPECT_EQ(entry.at("size").get<std::uintmax_t>(), fs::file_size(stages));
  EXPECT_EQ(entry.at("plugin").at("name"), "test_stages");
  std::vector<std::string> types;
  for (const auto& t : entry.at("plugin").at("stage_types")) types.push_back(t.at("name"));
  EXPECT_EQ(types, registry.find("test_source")->plugin->stage_types);
}

TEST_F(PluginIndexTest, WarmIndexRegistersTypesWithoutOpeningThePlugin) {
  const auto stages = copy_plugin(kStages, plugins, "libwarm_stages.so");
  warm_index_in_child({plugins}, index_file);
  ASSERT_FALSE(is_mapped(stages));

  StageRegistry registry;
  PluginLoader loader(registry, index_file);
  loader.load_directories({plugins});
  EXPECT_EQ(loader.libraries_opened(), 0u);
  EXPECT_FALSE(is_mapped(stages));
  EXPECT_TRUE(loader.failures().empty());
  ASSERT_EQ(loader.plugins().size(), 1u);
  EXPECT_EQ(loader.plugins()[0]->name, "test_stages");
  EXPECT_EQ(loader.plugins()[0]->version, "1.0.0");
  EXPECT_EQ(loader.plugins()[0]->path, stages.string());

  const auto* concat = registry.find("test_concat");
  ASSERT_NE(concat, nullptr);
  EXPECT_EQ(concat->spec.summary(), "Joins two texts");
  EXPECT_EQ(concat->spec.inputs().size(), 2u);
  EXPECT_FALSE(concat->loaded());

  // A graph whose types have no check validates from the index alone.
  auto valid = validate(registry, "stages:\n  - id: a\n    type: test_source\n    params: { text: hi }\n");
  EXPECT_TRUE(valid.ok()) << framework::format_diagnostics(valid.diagnostics);
  EXPECT_FALSE(is_mapped(stages));

  // Making an instance opens the plugin.
  auto stage = concat->instantiate();
  EXPECT_NE(stage, nullptr);
  EXPECT_TRUE(is_mapped(stages));
  EXPECT_TRUE(concat->loaded());
  EXPECT_TRUE(registry.find("test_source")->loaded());  // the same library serves all its types
}

TEST_F(PluginIndexTest, UsingALazyTypeOpensOnlyItsPlugin) {
  const auto stages = copy_plugin(kStages, plugins, "libonly_stages.so");
  const auto probe = copy_plugin(kProbe, plugins, "libonly_probe.so");
  warm_index_in_child({plugins}, index_file);

  StageRegistry registry;
  PluginLoader loader(registry, index_file);
  loader.load_directories({plugins});
  EXPECT_EQ(loader.libraries_opened(), 0u);

  // test_checked has a validation-time check: validating runs it, so its plugin opens.
  auto bad = validate(registry, "stages:\n  - id: c\n    type: test_checked\n    params: { word: bad, count: 1 }\n");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_NE(bad.diagnostics[0].message.find("the word must not be 'bad'"), std::string::npos);
  EXPECT_TRUE(is_mapped(probe));
  EXPECT_FALSE(is_mapped(stages));

  auto good = validate(registry, "stages:\n  - id: c\n    type: test_checked\n    params: { count: 1 }\n");
  EXPECT_TRUE(good.ok()) << framework::format_diagnostics(good.diagnostics);
  EXPECT_FALSE(is_mapped(stages));
}

// How many times the loaded copy at `file` was registered (the test plugin counts).
int registrations_of(const fs::path& file) {
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);  // only if already open
  if (!handle) return 0;
  auto* count = reinterpret_cast<int (*)()>(::dlsym(handle, "reelflow_test_stages_registrations"));
  const int n = count ? count() : -1;
  ::dlclose(handle);
  return n;
}

TEST_F(PluginIndexTest, ConcurrentFirstUsesOpenThePluginOnce) {
  const auto file = copy_plugin(kStages, plugins, "libconcurrent_stages.so");
  warm_index_in_child({plugins}, index_file);
  StageRegistry registry;
  PluginLoader loader(registry, index_file);
  loader.load_directories({plugins});
  const auto* type = registry.find("test_source");
  ASSERT_NE(type, nullptr);
  ASSERT_EQ(registrations_of(file), 0) << "a warm index opens nothing at start-up";

  // All threads ask at the same moment, so they race for the first open.
  std::atomic<int> made{0};
  std::latch start(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      start.arrive_and_wait();
      if (type->instantiate()) ++made;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(made.load(), 8);
  EXPECT_EQ(registrations_of(file), 1) << "the plugin was opened (and registered) more than once";
}

TEST_F(PluginIndexTest, ChangedFilesAreOpenedAndReindexed) {
  const auto touched = copy_plugin(kStages, plugins, "libtouched_stages.so");
  const auto replaced = copy_plugin(kStages, dir / "other", "libreplaced.so");
  warm_index_in_child({plugins, dir / "other"}, index_file);

  // A new mtime, and different content under the same name (a rebuilt plugin).
  fs::last_write_time(touched, fs::last_write_time(touched) + std::chrono::seconds(5));
  copy_plugin(kProbe, dir / "other", "libreplaced.so");

  StageRegistry registry;
  PluginLoader loader(registry, index_file);
  loader.load_directories({plugins, dir / "other"});
  EXPECT_EQ(loader.libraries_opened(), 2u);
  EXPECT_TRUE(loader.failures().empty()) << ::testing::PrintToString(failure_lines(loader));
  EXPECT_TRUE(is_mapped(touched));
  EXPECT_TRUE(is_mapped(replaced));
  // The replaced file's types are the new ones, not the indexed ones.
  ASSERT_NE(registry.find("test_checked"), nullptr);
  EXPECT_EQ(registry.find("test_checked")->plugin->path, replaced.string());
  EXPECT_EQ(registry.find("test_concat")->plugin->path, touched.string());

  const auto index = read_json(index_file);
  EXPECT_EQ(index.at("plugins").at(fs::absolute(replaced).string()).at("plugin").at("name"), "lazy_probe");

  StageRegistry again;
  PluginLoader warm(again, index_file);
  warm.load_directories({plugins, dir / "other"});
  EXPECT_EQ(warm.libraries_opened(), 0u);
}

TEST_F(PluginIndexTest, CorruptIndexIsIgnoredAndRebuilt) {
  copy_plugin(kStages, plugins, "libcorrupt_stages.so");
  warm_index_in_child({plugins}, index_file);
  std::string valid;
  {
    std::ifstream in(index_file);
    valid.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::vector<std::string> corruptions = {
      "this is not JSON",
      valid.substr(0, valid.size() / 2),  // a torn write
      R"({"format": 1, "runtime_abi": ")" + std::to_string(kSdkAbiMajor) + "." + std::to_string(kSdkAbiMinor) +
          R"(", "plugins": {")" + fs::absolute(plugins / "libcorrupt_stages.so").string() + R"(": {"size": "big"}}})",
      R"({"format": 99, "plugins": {}})",
  };
  for (const auto& corrupt : corruptions) {
    { std::ofstream(index_file, std::ios::trunc) << corrupt; }
    StageRegistry registry;
    PluginLoader loader(registry, index_file);
    loader.load_directories({plugins});
    EXPECT_TRUE(loader.failures().empty()) << corrupt;
    EXPECT_EQ(loader.libraries_opened(), 1u) << corrupt;
    EXPECT_NE(registry.find("test_concat"), nullptr) << corrupt;

    StageRegistry again;
    PluginLoader warm(again, index_file);
    warm.load_directories({plugins});
    EXPECT_EQ(warm.libraries_opened(), 0u) << "not rebuilt after: " << corrupt;
  }
}

TEST_F(PluginIndexTest, IndexedSpecsEqualTheLiveOnes) {
  const std::vector<fs::path> dirs = {REELFLOW_BUILD_PLUGIN_DIR, test_plugin_dir("good"), test_plugin_dir("lazy")};
  StageRegistry live;
  PluginLoader live_loader(live);
  live_loader.load_directories(dirs);
  ASSERT_TRUE(live_loader.failures().empty()) << ::testing::PrintToString(failure_lines(live_loader));

  {
    StageRegistry first;
    PluginLoader writes_the_index(first, index_file);
    writes_the_index.load_directories(dirs);
  }
  StageRegistry indexed;
  PluginLoader indexed_loader(indexed, index_file);
  indexed_loader.load_directories(dirs);
  EXPECT_EQ(indexed_loader.libraries_opened(), 0u);
  EXPECT_TRUE(indexed_loader.failures().empty());

  ASSERT_EQ(indexed.all().size(), live.all().size());
  for (const auto* type : live.all()) {
    SCOPED_TRACE(type->name);
    const auto* served = indexed.find(type->name);
    ASSERT_NE(served, nullptr);
    EXPECT_FALSE(served->loaded());
    EXPECT_TRUE(framework::stage_specs_equal(served->spec, type->spec))
        << framework::stage_spec_to_json(served->spec).dump(1) << "\n" << framework::stage_spec_to_json(type->spec).dump(1);
    EXPECT_EQ(served->has_check, type->has_check);
    EXPECT_EQ(served->plugin->name, type->plugin->name);
    EXPECT_EQ(served->plugin->version, type->plugin->version);
    EXPECT_EQ(served->plugin->description, type->plugin->description);
    EXPECT_EQ(served->plugin->path, type->plugin->path);
    EXPECT_EQ(served->plugin->abi_minor, type->plugin->abi_minor);
    EXPECT_EQ(served->plugin->stage_types, type->plugin->stage_types);
  }
  // The probe declares every kind of param detail; it must be among them.
  ASSERT_NE(indexed.find("test_checked"), nullptr);
  EXPECT_TRUE(indexed.find("test_checked")->has_check);
  EXPECT_FALSE(indexed.find("test_checked")->spec.cacheable());
}

TEST_F(PluginIndexTest, FailuresAreReportedAtEveryStartUp) {
  const std::vector<fs::path> dirs = {test_plugin_dir("bad"), test_plugin_dir("good"), test_plugin_dir("duplicate")};
  StageRegistry cold_registry;
  PluginLoader cold(cold_registry, index_file);
  cold.load_directories(dirs);
  ASSERT_EQ(cold.failures().size(), 3u);  // wrong ABI, no entry point, duplicate type

  StageRegistry warm_registry;
  PluginLoader warm(warm_registry, index_file);
  warm.load_directories(dirs);
  EXPECT_EQ(failure_lines(warm), failure_lines(cold));
  EXPECT_EQ(warm.libraries_opened(), 2u);  // only the two failing files are opened again

  const auto index = read_json(index_file);
  for (const auto& [path, entry] : index.at("plugins").items())
    EXPECT_EQ(path.find("/bad/"), std::string::npos) << path << " is not a plugin and must not be indexed";
}

TEST_F(PluginIndexTest, PluginThatCannotBeOpenedOnFirstUseIsAClearError) {
  const auto stages = copy_plugin(kStages, plugins, "libgone_stages.so");
  const auto probe = copy_plugin(kProbe, plugins, "libgone_probe.so");
  warm_index_in_child({plugins}, index_file);
  StageRegistry registry;
  PluginLoader loader(registry, index_file);
  loader.load_directories({plugins});
  ASSERT_EQ(loader.libraries_opened(), 0u);

  // After start-up, one file is broken and the other is a different plugin.
  fs::remove(probe);
  { std::ofstream(probe) << "not a library any more"; }
  copy_plugin(kProbe, plugins, "libgone_stages.so");

  auto checked = validate(registry, "stages:\n  - id: c\n    type: test_checked\n    params: { count: 1 }\n");
  ASSERT_FALSE(checked.ok());
  ASSERT_EQ(checked.diagnostics.size(), 1u);
  const std::string& message = checked.diagnostics[0].message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_NE(message.find("stage 'c' (test_checked): cannot load plugin 'lazy_probe' (" + probe.string() + "): cannot load library: "),
            std::string::npos)
      << message;

  try {
    registry.find("test_source")->instantiate();
    ADD_FAILURE() << "instantiate() of a changed plugin did not throw";
  } catch (const std::exception& e) {
    EXPECT_EQ(std::string(e.what()), "cannot load plugin 'test_stages' (" + stages.string() +
                                         "): the file changed since start-up: it is now plugin 'lazy_probe', not "
                                         "'test_stages'");
  }
}

TEST(PluginIndexFile, DefaultsToTheCacheDirAndCanBeTurnedOff) {
  ::unsetenv("REELFLOW_PLUGIN_INDEX");
  EXPECT_EQ(framework::plugin_index_file("/c"), fs::path("/c/plugin-index-v2.json"));
  ::setenv("REELFLOW_PLUGIN_INDEX", "off", 1);
  EXPECT_TRUE(framework::plugin_index_file("/c").empty());
  ::unsetenv("REELFLOW_PLUGIN_INDEX");
}

}  // namespace
}  // namespace reelflow::testing
