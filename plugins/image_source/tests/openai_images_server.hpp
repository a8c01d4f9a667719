#pragma once
// A real local server that plays an OpenAI-compatible images API:
// POST /v1/images/generations answers {"data": [{"b64_json": <PNG>}]} (or, in
// url mode, {"data": [{"url": ".../files/<n>.png"}]} and serves the file). Every
// generation request is recorded; a prompt can be made to fail.
#include <local_http_server.hpp>

#include <opencv2/core.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace reelflow::image_source::testing {

class OpenAiImagesServer {
 public:
  struct Generation {
    std::string authorization;
    std::string model;
    std::string prompt;
    std::string size;
    int n = 0;
    std::string response_format;
  };
  enum class Reply { B64, Url, NotAnImage };

  OpenAiImagesServer(std::string api_key, cv::Scalar colour, Reply reply = Reply::B64);

  // Every generation whose prompt contains `text` is answered with `status`.
  void fail_prompts_containing(const std::string& text, int status);

  std::string base_url() const { return http_.url("/v1"); }
  std::vector<Generation> generations() const;
  std::vector<std::string> downloads() const;

 private:
  std::string api_key_;
  std::string png_;
  Reply reply_;
  reelflow::testing::LocalHttpServer http_;
  mutable std::mutex mutex_;
  std::map<std::string, int> failing_;
  std::vector<Generation> generations_;
  std::vector<std::string> downloads_;
};

}  // namespace reelflow::image_source::testing
