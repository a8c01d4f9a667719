#include "sha256.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace reelflow::uploader {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// An incremental SHA-256; throws only when OpenSSL itself fails (out of memory).
class Sha256Stream {
 public:
  Sha256Stream() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1)
      throw std::runtime_error("OpenSSL SHA-256 init failed");
  }
  void update(const void* data, std::size_t size) {
    if (EVP_DigestUpdate(ctx_.get(), data, size) != 1) throw std::runtime_error("OpenSSL SHA-256 update failed");
  }
  std::string finish() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), digest, &size) != 1) throw std::runtime_error("OpenSSL SHA-256 final failed");
    return std::string(reinterpret_cast<const char*>(digest), size);
  }

 private:
  MdCtxPtr ctx_;
};

}  // namespace

std::string sha256(std::string_view data) {
  Sha256Stream stream;
  stream.update(data.data(), data.size());
  return stream.finish();
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &size))
    throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
  return std::string(reinterpret_cast<const char*>(mac), size);
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 0x0f]);
  }
  return hex;
}

std::optional<std::string> sha256_file_hex(const std::filesystem::path& file, std::uint64_t offset,
                                           std::optional<std::uint64_t> length) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(static_cast<std::streamoff>(offset));
  if (!in) return std::nullopt;
  Sha256Stream stream;
  std::vector<char> buffer(1 << 20);
  std::uint64_t remaining = length.value_or(UINT64_MAX);
  while (remaining > 0) {
    auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(buffer.size(), remaining));
    in.read(buffer.data(), want);
    std::streamsize got = in.gcount();
    if (got > 0) stream.update(buffer.data(), static_cast<std::size_t>(got));
    remaining -= static_cast<std::uint64_t>(got);
    if (got < want) break;
  }
  if (length && remaining != 0) return std::nullopt;  // the file ended early
  if (in.bad()) return std::nullopt;
  return to_hex(stream.finish());
}

}  // namespace reelflow::uploader
