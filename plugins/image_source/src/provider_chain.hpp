#pragma once
#include "image_provider.hpp"

#include <reelflow/stage_context.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::image_source {

// Providers tried in order for each scene (`providers: [openai, stock, generated]`):
// one that fails for a scene falls through to the next with a warning; one whose
// key was refused is not asked again in this run. A chain of one is `provider:`,
// whose errors pass through unchanged.
class ProviderChain final : public ImageProvider {
 public:
  struct Link {
    std::string name;
    std::unique_ptr<ImageProvider> provider;
    bool disabled = false;
  };

  ProviderChain(StageContext& context, std::vector<Link> links);

  Status image_for(std::size_t index, const Scene& scene, std::filesystem::path& image) override;

  // The provider that gave each picture so far, in scene order.
  const std::vector<std::string>& sources() const { return sources_; }

 private:
  StageContext& context_;
  std::vector<Link> links_;
  std::vector<std::string> sources_;
};

}  // namespace reelflow::image_source
