#pragma once
// RAII owners for libcurl handles (and the C files curl reads and writes), so
// every exit path of a transfer releases them.
#include <curl/curl.h>

#include <cstdio>
#include <memory>

namespace reelflow::framework {

// curl_global_init, once per process, before the first handle exists.
void ensure_curl_initialized();

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct CurlHeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using CurlEasyHandle = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMultiHandle = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlHeaderList = std::unique_ptr<curl_slist, CurlHeaderListDeleter>;
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Keeps an easy handle attached to a multi handle for its own lifetime.
class CurlMultiAttachment {
 public:
  CurlMultiAttachment(CURLM* multi, CURL* easy) : multi_(multi), easy_(easy) {
    attached_ = curl_multi_add_handle(multi_, easy_) == CURLM_OK;
  }
  ~CurlMultiAttachment() {
    if (attached_) curl_multi_remove_handle(multi_, easy_);
  }
  CurlMultiAttachment(const CurlMultiAttachment&) = delete;
  CurlMultiAttachment& operator=(const CurlMultiAttachment&) = delete;
  bool attached() const { return attached_; }

 private:
  CURLM* multi_;
  CURL* easy_;
  bool attached_ = false;
};

}  // namespace reelflow::framework
