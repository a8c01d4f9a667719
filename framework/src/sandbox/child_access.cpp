#include "sandbox/child_access.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <sstream>
#include <string>

namespace reelflow::framework::sandbox {
namespace {

namespace fs = std::filesystem;

// The read-only system: programs, libraries, data under /usr, and the few files
// of /etc that the C library, TLS, fonts and time zones read (not /etc wholesale).
const char* const kSystemReadExecute[] = {"/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin"};
const char* const kSystemRead[] = {
    "/etc/ld.so.cache", "/etc/fonts",      "/etc/ssl",      "/etc/ca-certificates", "/etc/resolv.conf",
    "/etc/hosts",       "/etc/host.conf",  "/etc/nsswitch.conf", "/etc/gai.conf",   "/etc/services",
    "/etc/localtime",   "/etc/passwd",     "/etc/group",    "/etc/alternatives",
    "/dev/urandom",     "/dev/random",     "/dev/zero",
    "/sys/devices/system/cpu", "/sys/fs/cgroup",
};

// Colon-separated directories in an environment variable the operator set.
std::vector<fs::path> directories_in(const char* variable) {
  std::vector<fs::path> dirs;
  const char* value = std::getenv(variable);
  std::stringstream list(value ? value : "");
  for (std::string dir; std::getline(list, dir, ':');)
    if (!dir.empty()) dirs.emplace_back(dir);
  return dirs;
}

// Files a sanitizer runtime in the child opens: `suppressions=<file>` in its options.
std::vector<fs::path> sanitizer_files() {
  std::vector<fs::path> files;
  for (const char* variable : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"}) {
    const char* value = std::getenv(variable);
    std::stringstream options(value ? value : "");
    for (std::string option; std::getline(options, option, ':');)
      if (option.rfind("suppressions=", 0) == 0) files.emplace_back(option.substr(13));
  }
  return files;
}

}  // namespace

fs::path runtime_library_dir() {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&runtime_library_dir), &info) == 0 || !info.dli_fname) return {};
  std::error_code ec;
  const fs::path library = fs::canonical(info.dli_fname, ec);
  return ec ? fs::path() : library.parent_path();
}

std::vector<PathRule> child_path_rules(const ChildAccessInputs& in) {
  std::vector<PathRule> rules;
  for (const char* p : kSystemReadExecute) rules.push_back({p, PathAccess::ReadExecute});
  for (const char* p : kSystemRead) rules.push_back({p, PathAccess::Read});
  rules.push_back({"/dev/null", PathAccess::Device});

  rules.push_back({in.child_program.parent_path(), PathAccess::ReadExecute});
  if (auto lib = runtime_library_dir(); !lib.empty()) rules.push_back({lib, PathAccess::ReadExecute});
  for (const auto& dir : in.plugin_dirs) rules.push_back({dir, PathAccess::ReadExecute});
  for (const char* variable : {"GST_PLUGIN_PATH", "GST_PLUGIN_SYSTEM_PATH"})
    for (auto& dir : directories_in(variable)) rules.push_back({std::move(dir), PathAccess::ReadExecute});
  for (auto& file : sanitizer_files()) rules.push_back({std::move(file), PathAccess::Read});
  for (const auto& path : in.graph_read_paths) rules.push_back({path, PathAccess::Read});
  if (!in.plugin_index_dir.empty() && in.plugin_index_dir != in.cache_dir)
    rules.push_back({in.plugin_index_dir, PathAccess::Read});

  rules.push_back({in.output_dir, PathAccess::ReadWrite});
  rules.push_back({in.cache_dir, PathAccess::ReadWrite});
  return rules;
}

std::vector<PathRule> procfs_rules() {
  return {{"/proc/cpuinfo", PathAccess::Read}, {"/proc/meminfo", PathAccess::Read}, {"/proc/stat", PathAccess::Read}};
}

}  // namespace reelflow::framework::sandbox
