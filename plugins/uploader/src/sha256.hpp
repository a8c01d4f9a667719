#pragma once
// SHA-256 and HMAC-SHA256 (OpenSSL EVP), as SigV4 and payload checks need them.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace reelflow::uploader {

// Raw 32-byte digests.
std::string sha256(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);

// Lowercase hex of raw bytes.
std::string to_hex(std::string_view bytes);

inline std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

// Hex SHA-256 of `length` bytes of a file from `offset` (the rest of the file when
// length is nullopt), read in chunks; nullopt when the file cannot be read fully.
std::optional<std::string> sha256_file_hex(const std::filesystem::path& file, std::uint64_t offset = 0,
                                           std::optional<std::uint64_t> length = std::nullopt);

}  // namespace reelflow::uploader
