#pragma once
#include "image_fetcher.hpp"
#include "image_provider.hpp"
#include "image_size.hpp"

#include <reelflow/stage_context.hpp>

#include <cstddef>
#include <filesystem>
#include <string>

namespace reelflow::image_source {

struct OpenAiImageSettings {
  std::string base_url;   // API root, e.g. https://api.openai.com/v1
  std::string model;      // e.g. dall-e-3
  std::string api_key;    // sent as Authorization: Bearer, from the environment only
  std::string art_style;  // appended to every scene's prompt, for one look across scenes
  FetchSettings fetch;
};

// Generates a picture per scene with an OpenAI-compatible images API, from the
// scene's visual text and the art style, at the API's size closest to the
// picture's shape, then cover-fits it. Replies by URL are downloaded with the
// same bounds as any download; every picture is checked by decoding.
class OpenAiProvider final : public ImageProvider {
 public:
  // Pictures go into `out_dir`.
  OpenAiProvider(StageContext& context, OpenAiImageSettings settings, ImageSize size, std::filesystem::path out_dir);

  Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& image) override;
  bool refused_credentials() const override { return refused_credentials_; }

 private:
  Status generate(std::size_t index, const std::string& prompt, const std::string& identity, cv::Mat& picture);

  StageContext& context_;
  OpenAiImageSettings settings_;
  ImageSize size_;
  ImageFetcher fetcher_;
  std::filesystem::path out_dir_;
  bool refused_credentials_ = false;
};

// The prompt for a scene: its visual text, then the art style.
std::string generation_prompt(const Scene& scene, const std::string& art_style);

}  // namespace reelflow::image_source
