#include "sidecar_file.hpp"

#include <reelflow/atomic_file.hpp>

#include <fstream>
#include <stdexcept>

namespace reelflow::compositor {

std::filesystem::path sidecar_path(const StageContext& ctx, const std::string& name, const Value* video,
                                   std::string_view extension, std::string_view fallback) {
  std::string base = name;
  if (base.empty()) {
    const auto file = video ? file_of(*video) : std::nullopt;
    base = file && !file->stem().empty() ? file->stem().string() : std::string(fallback);
  } else if (base == "." || base == ".." || base.find('/') != std::string::npos || base.find('\0') != std::string::npos) {
    throw std::invalid_argument("param 'name' must be one file name without folders, got '" + base + "'");
  }
  return ctx.output_dir() / (base + std::string(extension));
}

void write_atomically(const std::filesystem::path& file, const std::string& text) {
  AtomicFile out(file);
  {
    std::ofstream stream(out.temp_path(), std::ios::binary);
    stream << text;
    stream.close();
    if (!stream) throw std::runtime_error("cannot write '" + file.string() + "'");
  }
  out.commit();
}

}  // namespace reelflow::compositor
