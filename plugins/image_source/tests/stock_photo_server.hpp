#pragma once
// A real local server that plays a Pexels-compatible stock-photo service:
// GET /v1/search?query=... answers with the photo registered for the query, and
// GET /files/<name> serves registered files. Every request is recorded.
#include <local_http_server.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::image_source::testing {

class StockPhotoServer {
 public:
  struct Search {
    std::string query;
    std::string per_page;
    std::string orientation;
    std::string authorization;
  };
  struct File {
    int status = 200;
    std::string content_type = "image/jpeg";
    std::string body;
  };

  explicit StockPhotoServer(std::string api_key);

  // Files must be registered before the server is used.
  void add_file(const std::string& name, File file);
  // A search for `query` finds /files/<original> (and a smaller /files/<smaller> as large2x).
  void add_photo(const std::string& query, const std::string& original, const std::string& smaller = "");
  // The first `count` requests for /files/<name> get 503.
  void fail_first(const std::string& name, int count);

  std::string search_url() const { return http_.url("/v1/search"); }
  std::string file_url(const std::string& name) const { return http_.url("/files/" + name); }

  std::vector<Search> searches() const;
  std::vector<std::string> downloads() const;  // file names, in request order

 private:
  std::string api_key_;
  reelflow::testing::LocalHttpServer http_;
  mutable std::mutex mutex_;
  std::map<std::string, File> files_;
  std::map<std::string, std::pair<std::string, std::string>> photos_;
  std::map<std::string, int> failures_left_;
  std::vector<Search> searches_;
  std::vector<std::string> downloads_;
};

}  // namespace reelflow::image_source::testing
