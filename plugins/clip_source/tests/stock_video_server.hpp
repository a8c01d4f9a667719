#pragma once
// A real local server that plays a Pexels-videos-compatible service:
// GET /videos/search?query=&orientation=&per_page= answers with the videos registered
// for the query (each with its files), GET /files/<name> serves registered files.
// A wrong key gets 401 with the key echoed back. Every request is recorded.
#include <local_http_server.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::clip_source::testing {

class StockVideoServer {
 public:
  struct Search {
    std::string query;
    std::string orientation;
    std::string per_page;
    std::string authorization;
  };
  struct VideoFile {
    std::string name;  // served at /files/<name>
    int width = 0;
    int height = 0;
    std::string file_type = "video/mp4";
  };

  explicit StockVideoServer(std::string api_key);

  void add_file(const std::string& name, std::string bytes);
  // A search for `query` finds one video with these files.
  void add_video(const std::string& query, std::vector<VideoFile> files);

  std::string base_url() const { return http_.url(""); }
  std::vector<Search> searches() const;
  std::vector<std::string> downloads() const;

 private:
  std::string api_key_;
  reelflow::testing::LocalHttpServer http_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;
  std::map<std::string, std::vector<VideoFile>> videos_;
  std::vector<Search> searches_;
  std::vector<std::string> downloads_;
};

}  // namespace reelflow::clip_source::testing
