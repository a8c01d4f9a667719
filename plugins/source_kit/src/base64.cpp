#include <source_kit/base64.hpp>

#include <openssl/evp.h>

namespace reelflow::source_kit {

std::optional<std::string> base64_decode(std::string_view text) {
  std::string padded(text);
  while (padded.size() % 4 != 0) padded.push_back('=');
  std::string bytes(padded.size() / 4 * 3, '\0');
  // EVP_DecodeBlock refuses anything outside the alphabet and decodes padding as zero bytes.
  const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                   reinterpret_cast<const unsigned char*>(padded.data()),
                                   static_cast<int>(padded.size()));
  if (size < 0) return std::nullopt;
  std::size_t padding = 0;
  for (auto at = padded.rbegin(); at != padded.rend() && *at == '=' && padding < 2; ++at) ++padding;
  bytes.resize(static_cast<std::size_t>(size) - padding);
  return bytes;
}

std::string base64_encode(std::string_view bytes) {
  std::string text((bytes.size() + 2) / 3 * 4 + 1, '\0');
  const int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                   reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(size));
  return text;
}

}  // namespace reelflow::source_kit
