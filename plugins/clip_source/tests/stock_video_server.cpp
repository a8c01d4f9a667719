#include "stock_video_server.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::clip_source::testing {

StockVideoServer::StockVideoServer(std::string api_key) : api_key_(std::move(api_key)) {
  auto& server = http_.server();
  server.Get("/videos/search", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    const Search search{request.get_param_value("query"), request.get_param_value("orientation"),
                        request.get_param_value("per_page"), request.get_header_value("Authorization")};
    searches_.push_back(search);
    if (search.authorization != api_key_) {  // echo the key back, as some services do
      response.status = 401;
      response.set_content(R"({"error": "invalid key: )" + search.authorization + R"("})", "application/json");
      return;
    }
    nlohmann::json reply = {{"page", 1}, {"videos", nlohmann::json::array()}};
    if (const auto found = videos_.find(search.query); found != videos_.end()) {
      nlohmann::json files = nlohmann::json::array();
      for (const auto& file : found->second)
        files.push_back({{"id", files.size() + 1}, {"quality", "sd"}, {"file_type", file.file_type},
                         {"width", file.width}, {"height", file.height}, {"link", http_.url("/files/" + file.name)}});
      reply["videos"].push_back({{"id", 7}, {"duration", 1}, {"video_files", files}});
    }
    response.set_content(reply.dump(), "application/json");
  });
  server.Get(R"(/files/(.+))", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    const std::string name = request.matches[1];
    downloads_.push_back(name);
    const auto file = files_.find(name);
    if (file == files_.end()) {
      response.status = 404;
      response.set_content("not found", "text/plain");
      return;
    }
    response.set_content(file->second, "video/mp4");
  });
  http_.start();
}

void StockVideoServer::add_file(const std::string& name, std::string bytes) {
  std::lock_guard lock(mutex_);
  files_[name] = std::move(bytes);
}

void StockVideoServer::add_video(const std::string& query, std::vector<VideoFile> files) {
  std::lock_guard lock(mutex_);
  videos_[query] = std::move(files);
}

std::vector<StockVideoServer::Search> StockVideoServer::searches() const {
  std::lock_guard lock(mutex_);
  return searches_;
}

std::vector<std::string> StockVideoServer::downloads() const {
  std::lock_guard lock(mutex_);
  return downloads_;
}

}  // namespace reelflow::clip_source::testing
