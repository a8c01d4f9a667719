#include "sandbox/child_program.hpp"

#include "sandbox/child_access.hpp"

#include <string>

namespace reelflow::framework::sandbox {

std::filesystem::path default_child_program() {
  const std::filesystem::path lib = runtime_library_dir();
  const std::string build_root = REELFLOW_BUILD_ROOT;
  if (lib.empty() || lib.string().rfind(build_root, 0) == 0) return REELFLOW_BUILD_SANDBOX_CHILD;
  return (lib / REELFLOW_LIB_TO_LIBEXEC / "reelflow-sandbox-child").lexically_normal();
}

}  // namespace reelflow::framework::sandbox
