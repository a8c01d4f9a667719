#include "openai_images_server.hpp"

#include "image_source_test_support.hpp"

#include <nlohmann/json.hpp>

#include <openssl/evp.h>

namespace reelflow::image_source::testing {
namespace {

std::string base64(const std::string& bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3), '\0');
  const int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                   reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(size));
  return text;
}

}  // namespace

OpenAiImagesServer::OpenAiImagesServer(std::string api_key, cv::Scalar colour, Reply reply)
    : api_key_(std::move(api_key)), png_(encoded(solid_picture(256, 448, colour), ".png")), reply_(reply) {
  auto& server = http_.server();
  server.Post("/v1/images/generations", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    Generation generation;
    generation.authorization = request.get_header_value("Authorization");
    if (body.is_object()) {
      generation.model = body.value("model", "");
      generation.prompt = body.value("prompt", "");
      generation.size = body.value("size", "");
      generation.n = body.value("n", 0);
      generation.response_format = body.value("response_format", "");
    }
    generations_.push_back(generation);
    if (generation.authorization != "Bearer " + api_key_) {
      response.status = 401;
      response.set_content(R"({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}})",
                           "application/json");
      return;
    }
    for (const auto& [text, status] : failing_)
      if (generation.prompt.find(text) != std::string::npos) {
        response.status = status;
        response.set_content(R"({"error": {"message": "The server had an error", "type": "server_error"}})",
                             "application/json");
        return;
      }
    nlohmann::json picture;
    if (reply_ == Reply::Url) picture["url"] = http_.url("/files/" + std::to_string(generations_.size()) + ".png");
    else picture["b64_json"] = base64(reply_ == Reply::B64 ? png_ : "this is not an image at all");
    picture["revised_prompt"] = generation.prompt;
    response.set_content(nlohmann::json{{"created", 1700000000}, {"data", {picture}}}.dump(), "application/json");
  });
  server.Get(R"(/files/(.+))", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard lock(mutex_);
    downloads_.push_back(request.matches[1]);
    response.set_content(png_, "image/png");
  });
  http_.start();
}

void OpenAiImagesServer::fail_prompts_containing(const std::string& text, int status) {
  std::lock_guard lock(mutex_);
  failing_[text] = status;
}

std::vector<OpenAiImagesServer::Generation> OpenAiImagesServer::generations() const {
  std::lock_guard lock(mutex_);
  return generations_;
}

std::vector<std::string> OpenAiImagesServer::downloads() const {
  std::lock_guard lock(mutex_);
  return downloads_;
}

}  // namespace reelflow::image_source::testing
