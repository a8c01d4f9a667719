#pragma once
// Reading one byte range of the file being published into memory: a multipart
// part, a resumable-upload chunk. Memory use is bounded by the slice's length.
#include <reelflow/status.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace reelflow::uploader {

// `length` bytes of `file` from `offset` into `bytes`; fails when the file is shorter.
Status read_file_slice(const std::filesystem::path& file, std::uint64_t offset, std::uint64_t length,
                       std::string& bytes);

}  // namespace reelflow::uploader
