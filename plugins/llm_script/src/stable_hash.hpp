#pragma once
// A hash that is the same on every platform and run (FNV-1a, 64 bit), so the
// offline writer's choices depend only on its input, never on randomness.
#include <cstdint>
#include <string_view>

namespace reelflow::llm_script {

constexpr std::uint64_t stable_hash(std::string_view text, std::uint64_t seed = 0xcbf29ce484222325ULL) {
  std::uint64_t h = seed;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// A second value derived from the first, for independent choices from one seed.
constexpr std::uint64_t mix_hash(std::uint64_t h, std::uint64_t salt) {
  h ^= salt + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

}  // namespace reelflow::llm_script
