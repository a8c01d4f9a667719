#pragma once
// Files with known, non-repeating content for upload tests, and reading them back.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace reelflow::uploader::testing {

// `size` pseudo-random bytes from `seed` (xorshift64), so every offset differs and a
// misplaced or dropped part changes the content.
inline std::string make_test_bytes(std::size_t size, std::uint64_t seed = 0x9E3779B97F4A7C15ull) {
  std::string bytes(size, '\0');
  std::uint64_t x = seed | 1;
  for (std::size_t i = 0; i < size; i += 8) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    for (std::size_t b = 0; b < 8 && i + b < size; ++b) bytes[i + b] = static_cast<char>(x >> (8 * b));
  }
  return bytes;
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace reelflow::uploader::testing
