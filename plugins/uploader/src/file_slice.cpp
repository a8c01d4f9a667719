#include "file_slice.hpp"

#include <fstream>

namespace reelflow::uploader {

Status read_file_slice(const std::filesystem::path& file, std::uint64_t offset, std::uint64_t length,
                       std::string& bytes) {
  bytes.resize(length);
  std::ifstream in(file, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(bytes.data(), static_cast<std::streamsize>(length));
  if (!in || static_cast<std::uint64_t>(in.gcount()) != length)
    return Status::error("cannot read bytes " + std::to_string(offset) + "-" + std::to_string(offset + length) +
                         " of '" + file.string() + "'");
  return Status::ok();
}

}  // namespace reelflow::uploader
