#pragma once
// The request body of one attempt, from memory or from a file opened afresh for
// each attempt (so a retry re-sends it from the start); curl's read and seek
// callbacks.
#include "http/curl_handles.hpp"

#include <curl/curl.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace reelflow::framework {

class CurlBodySource {
 public:
  static CurlBodySource from_memory(std::string_view data);
  // Sets `error` (and returns an empty body) when the file cannot be opened.
  static CurlBodySource from_file(const std::filesystem::path& path, std::string& error);

  curl_off_t size() const { return size_; }
  // Set when reading the file failed during the transfer.
  const std::string& error() const { return error_; }

  // CURLOPT_READFUNCTION / CURLOPT_SEEKFUNCTION, with this object as user data.
  static size_t on_read(char* buffer, size_t size, size_t count, void* user);
  static int on_seek(void* user, curl_off_t offset, int origin);

 private:
  size_t read(char* buffer, size_t capacity);
  int seek(curl_off_t offset, int origin);

  std::string_view memory_;
  size_t position_ = 0;
  std::filesystem::path path_;
  FilePtr file_;
  curl_off_t size_ = 0;
  std::string error_;
};

}  // namespace reelflow::framework
