#include "http/curl_body_source.hpp"

#include <sys/types.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace reelflow::framework {

CurlBodySource CurlBodySource::from_memory(std::string_view data) {
  CurlBodySource body;
  body.memory_ = data;
  body.size_ = static_cast<curl_off_t>(data.size());
  return body;
}

CurlBodySource CurlBodySource::from_file(const std::filesystem::path& path, std::string& error) {
  CurlBodySource body;
  body.path_ = path;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    error = "reading " + path.string() + ": " + ec.message();
    return body;
  }
  body.file_.reset(std::fopen(path.c_str(), "rb"));
  if (!body.file_) {
    error = "reading " + path.string() + ": " + std::strerror(errno);
    return body;
  }
  body.size_ = static_cast<curl_off_t>(size);
  return body;
}

size_t CurlBodySource::on_read(char* buffer, size_t size, size_t count, void* user) {
  return static_cast<CurlBodySource*>(user)->read(buffer, size * count);
}

int CurlBodySource::on_seek(void* user, curl_off_t offset, int origin) {
  return static_cast<CurlBodySource*>(user)->seek(offset, origin);
}

size_t CurlBodySource::read(char* buffer, size_t capacity) {
  if (!file_) {
    const size_t n = std::min(capacity, memory_.size() - position_);
    std::memcpy(buffer, memory_.data() + position_, n);
    position_ += n;
    return n;
  }
  const size_t n = std::fread(buffer, 1, capacity, file_.get());
  if (n == 0 && std::ferror(file_.get())) {
    error_ = "reading " + path_.string() + ": " + std::strerror(errno);
    return CURL_READFUNC_ABORT;
  }
  return n;
}

// curl rewinds the body when a redirect (307/308) makes it send again.
int CurlBodySource::seek(curl_off_t offset, int origin) {
  if (origin != SEEK_SET || offset < 0 || offset > size_) return CURL_SEEKFUNC_CANTSEEK;
  if (!file_) {
    position_ = static_cast<size_t>(offset);
    return CURL_SEEKFUNC_OK;
  }
  return fseeko(file_.get(), static_cast<off_t>(offset), SEEK_SET) == 0 ? CURL_SEEKFUNC_OK : CURL_SEEKFUNC_FAIL;
}

}  // namespace reelflow::framework
