#include "s3_object_address.hpp"

namespace reelflow::uploader {
namespace {

bool dns_compatible_bucket(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  for (char c : bucket)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  return true;
}

}  // namespace

std::string S3ObjectAddress::url(const QueryParams& query) const {
  std::string out = origin + uri_encode(path, /*keep_slash=*/true);
  if (!query.empty()) out += "?" + canonical_query(query);
  return out;
}

std::optional<S3ObjectAddress> make_s3_address(std::string_view endpoint, std::string_view bucket,
                                               std::string_view key, bool path_style, std::string& error) {
  std::string_view scheme;
  if (endpoint.rfind("https://", 0) == 0) scheme = "https";
  else if (endpoint.rfind("http://", 0) == 0) scheme = "http";
  else {
    error = "param 'endpoint' must be an http:// or https:// URL, got '" + std::string(endpoint) + "'";
    return std::nullopt;
  }
  std::string_view rest = endpoint.substr(scheme.size() + 3);
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string base_path(slash == std::string_view::npos ? std::string_view{} : rest.substr(slash));
  while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
  if (authority.empty() || authority.find('@') != std::string_view::npos ||
      rest.find_first_of("?#") != std::string_view::npos) {
    error = "param 'endpoint' must look like https://host[:port][/path], got '" + std::string(endpoint) + "'";
    return std::nullopt;
  }
  if (bucket.empty() || bucket.find('/') != std::string_view::npos) {
    error = "param 'bucket' must be a bucket name, got '" + std::string(bucket) + "'";
    return std::nullopt;
  }
  if (!path_style && !dns_compatible_bucket(bucket)) {
    error = "bucket '" + std::string(bucket) + "' is not a DNS name; use path_style: true";
    return std::nullopt;
  }

  // Drop the scheme's default port: it's what an HTTP client puts in Host.
  std::string host(authority);
  std::string default_port = scheme == "https" ? ":443" : ":80";
  if (host.size() > default_port.size() && host.ends_with(default_port)) host.resize(host.size() - default_port.size());

  S3ObjectAddress address;
  if (path_style) {
    address.host = host;
    address.path = base_path + "/" + std::string(bucket) + "/" + std::string(key);
  } else {
    address.host = std::string(bucket) + "." + host;
    address.path = base_path + "/" + std::string(key);
  }
  address.origin = std::string(scheme) + "://" + address.host;
  return address;
}

}  // namespace reelflow::uploader
