#include "sigv4_verifier.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace reelflow::uploader::testing {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 0xF]);
  }
  return out;
}

std::string hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &size);
  return std::string(reinterpret_cast<char*>(out), size);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// AWS UriEncode: A-Z a-z 0-9 - . _ ~ stay, '/' stays in paths, every other byte is %XY.
std::string aws_encode(std::string_view text, bool is_path) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (is_path && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      static constexpr char kDigits[] = "0123456789ABCDEF";
      out += {'%', kDigits[c >> 4], kDigits[c & 0xF]};
    }
  }
  return out;
}

// Parameters sorted by encoded name, then value; "a" alone counts as "a=".
std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    params.emplace_back(aws_encode(percent_decode(item.substr(0, eq)), false),
                        eq == std::string_view::npos ? "" : aws_encode(percent_decode(item.substr(eq + 1)), false));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) out += (out.empty() ? "" : "&") + name + "=" + value;
  return out;
}

// Leading and trailing spaces go, inner runs of spaces become one.
std::string trimmed(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string sha256_hex_of(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return hex(digest, sizeof digest);
}

std::string expected_sigv4_signature(const ReceivedRequest& request, const std::vector<std::string>& signed_headers,
                                     std::string_view payload_sha256, std::string_view amz_date, const AwsKey& key) {
  const std::string_view target = request.target;
  const auto question = target.find('?');
  const std::string path = percent_decode(target.substr(0, question));
  const std::string query = question == std::string_view::npos ? "" : std::string(target.substr(question + 1));

  // Repeated headers are joined with ',' in the order received.
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    auto [it, fresh] = headers.try_emplace(lower(name), trimmed(value));
    if (!fresh) it->second += "," + trimmed(value);
  }
  std::string canonical_headers, names;
  for (const auto& name : signed_headers) {
    canonical_headers += name + ":" + headers[name] + "\n";
    names += (names.empty() ? "" : ";") + name;
  }
  const std::string canonical_request = request.method + "\n" + aws_encode(path.empty() ? "/" : path, true) + "\n" +
                                        canonical_query(query) + "\n" + canonical_headers + "\n" + names + "\n" +
                                        std::string(payload_sha256);

  const std::string day(amz_date.substr(0, 8));
  const std::string scope = day + "/" + key.region + "/" + key.service + "/aws4_request";
  const std::string to_sign =
      "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope + "\n" + sha256_hex_of(canonical_request);
  const std::string signing_key =
      hmac(hmac(hmac(hmac("AWS4" + key.secret_access_key, day), key.region), key.service), "aws4_request");
  const std::string signature = hmac(signing_key, to_sign);
  return hex(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
}

}  // namespace reelflow::uploader::testing
