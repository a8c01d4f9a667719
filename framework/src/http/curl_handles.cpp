#include "http/curl_handles.hpp"

#include <mutex>

namespace reelflow::framework {

void ensure_curl_initialized() {
  // curl_global_init is not thread-safe itself; it must run once before any handle exists.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace reelflow::framework
