#include "stock_photo_server.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::image_source::testing {

StockPhotoServer::StockPhotoServer(std::string api_key) : api_key_(std::move(api_key)) {
  auto& server = http_.server();
  server.Get("/v1/search", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    const Search search{request.get_param_value("query"), request.get_param_value("per_page"),
                        request.get_param_value("orientation"), request.get_header_value("Authorization")};
    searches_.push_back(search);
    if (search.authorization != api_key_) {  // echo the key back, as some services do
      response.status = 401;
      response.set_content(R"({"error": "invalid API key: )" + search.authorization + R"("})", "application/json");
      return;
    }
    nlohmann::json reply = {{"page", 1}, {"per_page", 1}, {"photos", nlohmann::json::array()}};
    if (const auto found = photos_.find(search.query); found != photos_.end()) {
      nlohmann::json src = {{"original", http_.url("/files/" + found->second.first)}};
      if (!found->second.second.empty()) src["large2x"] = http_.url("/files/" + found->second.second);
      reply["photos"].push_back({{"id", 1}, {"photographer", "Test Photographer"}, {"src", src}});
    }
    response.set_content(reply.dump(), "application/json");
  });
  server.Get(R"(/files/(.+))", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    const std::string name = request.matches[1];
    downloads_.push_back(name);
    if (auto left = failures_left_.find(name); left != failures_left_.end() && left->second > 0) {
      --left->second;
      response.status = 503;
      return;
    }
    const auto file = files_.find(name);
    if (file == files_.end()) {
      response.status = 404;
      response.set_content("not found", "text/plain");
      return;
    }
    response.status = file->second.status;
    response.set_content(file->second.body, file->second.content_type.c_str());
  });
  http_.start();
}

void StockPhotoServer::add_file(const std::string& name, File file) {
  std::lock_guard lock(mutex_);
  files_[name] = std::move(file);
}

void StockPhotoServer::add_photo(const std::string& query, const std::string& original, const std::string& smaller) {
  std::lock_guard lock(mutex_);
  photos_[query] = {original, smaller};
}

void StockPhotoServer::fail_first(const std::string& name, int count) {
  std::lock_guard lock(mutex_);
  failures_left_[name] = count;
}

std::vector<StockPhotoServer::Search> StockPhotoServer::searches() const {
  std::lock_guard lock(mutex_);
  return searches_;
}

std::vector<std::string> StockPhotoServer::downloads() const {
  std::lock_guard lock(mutex_);
  return downloads_;
}

}  // namespace reelflow::image_source::testing
