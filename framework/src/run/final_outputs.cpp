#include "run/final_outputs.hpp"

#include "graph/value_paths.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace reelflow::framework {
namespace {

namespace fs = std::filesystem;

fs::path absolute_path(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return (ec ? path : absolute).lexically_normal();
}

bool is_inside(const fs::path& path, const fs::path& dir) {
  const auto rel = path.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != ".." && *rel.begin() != ".";
}

// What a final output may name: an existing file of the output dir, not of a run's work dir.
class OutputDir {
 public:
  OutputDir(const fs::path& dir, bool work_kept)
      : dir_(absolute_path(dir)), work_(dir_ / ".reelflow-work"), work_kept_(work_kept) {}

  bool holds(const fs::path& absolute) const {
    std::error_code ec;
    return is_inside(absolute, dir_) && (work_kept_ || !is_inside(absolute, work_)) && fs::exists(absolute, ec);
  }
  bool in_work_dir(const fs::path& absolute) const { return !work_kept_ && is_inside(absolute, work_); }

 private:
  fs::path dir_;
  fs::path work_;
  bool work_kept_;
};

// The value with absolute paths, or nullopt when a file it names is not a final one.
std::optional<Value> final_value(Value value, const OutputDir& output_dir, std::set<fs::path>& files) {
  bool final = true;
  std::set<fs::path> named;
  for_each_path(value, [&](std::string& path, PathSlot slot) {
    if (path.empty()) return;
    const fs::path absolute = absolute_path(path);
    if (slot == PathSlot::Text) {
      // A text names a file only as an absolute path: to one of the output dir,
      // or (then it is not final) to one of the work dir.
      if (!fs::path(path).is_absolute()) return;
      if (output_dir.holds(absolute)) named.insert(absolute);
      else if (output_dir.in_work_dir(absolute)) final = false;
      return;
    }
    if (!output_dir.holds(absolute)) final = false;
    named.insert(absolute);
    path = absolute.string();
  });
  if (!final) return std::nullopt;
  files.insert(named.begin(), named.end());
  return value;
}

}  // namespace

void keep_final_outputs(RunResult& result, const fs::path& output_dir, bool work_kept) {
  const OutputDir dir(output_dir, work_kept);
  std::set<fs::path> files;
  std::map<std::string, Value> kept;
  for (auto& [name, value] : result.outputs)
    if (auto final = final_value(std::move(value), dir, files)) kept.emplace(name, std::move(*final));
  result.outputs = std::move(kept);
  result.output_files.assign(files.begin(), files.end());
}

}  // namespace reelflow::framework
