// The plugin loader: good plugins register, broken ones are recorded with the
// reason and the file, and never stop the others from loading.
#include "test_registry.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace reelflow::testing {
namespace {

using framework::PluginLoader;
using framework::StageRegistry;

const framework::PluginFailure* failure_for(const PluginLoader& loader, const std::string& file_part) {
  for (const auto& f : loader.failures())
    if (f.path.find(file_part) != std::string::npos) return &f;
  return nullptr;
}

TEST(PluginLoader, GoodPluginRegistersItsStageTypes) {
  StageRegistry registry;
  PluginLoader loader(registry);
  loader.load_directories({test_plugin_dir("good")});
  EXPECT_TRUE(loader.failures().empty());
  ASSERT_EQ(loader.plugins().size(), 1u);
  EXPECT_EQ(loader.plugins()[0]->name, "test_stages");
  EXPECT_EQ(loader.plugins()[0]->version, "1.0.0");
  const auto* type = registry.find("test_concat");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->spec.inputs().size(), 2u);
  EXPECT_EQ(type->spec.summary(), "Joins two texts");
  auto stage = type->instantiate();
  EXPECT_NE(stage, nullptr);
}

TEST(PluginLoader, BrokenPluginsAreRecordedAndOthersStillLoad) {
  StageRegistry registry;
  PluginLoader loader(registry);
  loader.load_directories({test_plugin_dir("bad"), test_plugin_dir("good")});
  ASSERT_EQ(loader.failures().size(), 2u);

  const auto* abi = failure_for(loader, "libreelflow_test_wrong_abi.so");
  ASSERT_NE(abi, nullptr);
  EXPECT_EQ(abi->reason,
            "ABI version mismatch: plugin built against SDK " + std::to_string(kSdkAbiMajor + 98) +
                ".0, runtime provides " + std::to_string(kSdkAbiMajor) + "." +
                std::to_string(kSdkAbiMinor) + " (rebuild the plugin against this SDK)");
  EXPECT_EQ(registry.find("wrong_abi_stage"), nullptr);

  const auto* no_entry = failure_for(loader, "libreelflow_test_no_entry.so");
  ASSERT_NE(no_entry, nullptr);
  EXPECT_EQ(no_entry->reason, "not a reelflow plugin: missing entry point reelflow_plugin_query");

  EXPECT_NE(registry.find("test_source"), nullptr);
}

TEST(PluginLoader, FileThatIsNotALibraryFailsClearly) {
  auto dir = std::filesystem::temp_directory_path() / "reelflow-loader-garbage";
  std::filesystem::create_directories(dir);
  const auto file = dir / "libgarbage.so";
  { std::ofstream(file) << "this is not an ELF file"; }
  StageRegistry registry;
  PluginLoader loader(registry);
  EXPECT_FALSE(loader.load_library(file));
  ASSERT_EQ(loader.failures().size(), 1u);
  EXPECT_EQ(loader.failures()[0].path, file.string());
  EXPECT_EQ(loader.failures()[0].reason.rfind("cannot load library: ", 0), 0u);
  EXPECT_NE(loader.failures()[0].reason.find("libgarbage.so"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(PluginLoader, DuplicateStageTypeIsRefused) {
  StageRegistry registry;
  PluginLoader loader(registry);
  loader.load_directories({test_plugin_dir("good"), test_plugin_dir("duplicate")});
  ASSERT_EQ(loader.failures().size(), 1u);
  EXPECT_NE(loader.failures()[0].reason.find("stage type 'test_source' is already provided by plugin 'test_stages'"),
            std::string::npos);
}

TEST(PluginLoader, MissingDirectoriesAreSkipped) {
  StageRegistry registry;
  PluginLoader loader(registry);
  loader.load_directories({"/nonexistent/plugins"});
  EXPECT_TRUE(loader.failures().empty());
  EXPECT_TRUE(loader.plugins().empty());
}

}  // namespace
}  // namespace reelflow::testing
