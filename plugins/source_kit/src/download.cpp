#include <source_kit/download.hpp>

#include <source_kit/http_messages.hpp>

#include <system_error>

namespace reelflow::source_kit {

void remove_quietly(const std::filesystem::path& file) {
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
}

Status download_to_file(HttpClient& http, HttpRequest request, const std::filesystem::path& file,
                        std::size_t max_bytes, const std::string& what, std::string_view url) {
  request.response_file = file;
  request.max_response_bytes = max_bytes;
  const HttpResponse response = http.send(request);
  if (response.ok()) return Status::ok();
  remove_quietly(file);
  return Status::error(describe_failure(response, what, url));
}

}  // namespace reelflow::source_kit
