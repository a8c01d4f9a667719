#pragma once
#include <string>
#include <string_view>

namespace reelflow::source_kit {

// Lower-case hex SHA-256 of `data` (OpenSSL EVP).
std::string sha256_hex(std::string_view data);

}  // namespace reelflow::source_kit
