#pragma once
// SHA-256 through OpenSSL's EVP interface, as lowercase hex.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace reelflow::framework {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  // Ends the computation; the object cannot be updated afterwards.
  std::string hex_digest();

 private:
  struct Free {
    void operator()(EVP_MD_CTX* ctx) const;
  };
  std::unique_ptr<EVP_MD_CTX, Free> ctx_;
};

std::string sha256_hex(std::string_view data);

}  // namespace reelflow::framework
