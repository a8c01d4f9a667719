#include "sandbox/spare_shape.hpp"

#include <algorithm>
#include <filesystem>

namespace reelflow::framework::sandbox {
namespace {

namespace fs = std::filesystem;

fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal() : r;
}

bool same(const fs::path& a, const fs::path& b) { return resolved(a) == resolved(b); }

bool same(const std::vector<fs::path>& a, const std::vector<fs::path>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) { return same(x, y); });
}

// Whether `path` is `root` or lies beneath it.
bool beneath(const fs::path& path, const fs::path& root) {
  fs::path r = resolved(root);
  if (!r.has_filename()) r = r.parent_path();  // "/a/b/" is "/a/b"
  const fs::path p = resolved(path);
  return std::mismatch(r.begin(), r.end(), p.begin(), p.end()).first == r.end();
}

bool within(const std::vector<ResourceLimit>& job, const std::vector<ResourceLimit>& spare) {
  if (job.size() != spare.size()) return false;
  for (std::size_t i = 0; i < job.size(); ++i)
    if (job[i].resource != spare[i].resource || job[i].value.rlim_cur > spare[i].value.rlim_cur ||
        job[i].value.rlim_max > spare[i].value.rlim_max)
      return false;
  return true;
}

}  // namespace

bool fits(const SpareShape& spare, const SpareShape& job) {
  const ChildAccessInputs &s = spare.access, &j = job.access;
  if (!same(s.child_program, j.child_program) || !same(s.plugin_dirs, j.plugin_dirs) ||
      !same(s.plugin_index_dir, j.plugin_index_dir) || !same(s.cache_dir, j.cache_dir))
    return false;
  if (spare.environment != job.environment || !within(job.limits, spare.limits)) return false;
  if (!beneath(j.output_dir, s.output_dir)) return false;
  return std::all_of(j.graph_read_paths.begin(), j.graph_read_paths.end(), [&](const fs::path& read) {
    return std::any_of(s.graph_read_paths.begin(), s.graph_read_paths.end(),
                       [&](const fs::path& allowed) { return beneath(read, allowed); });
  });
}

}  // namespace reelflow::framework::sandbox
